#ifndef ENGAGE_PROMOMATS_SVC_RULES_TRANSFER_RULES_H_
#define ENGAGE_PROMOMATS_SVC_RULES_TRANSFER_RULES_H_

#include <optional>
#include <string>
#include <vector>

#include "promomats_svc/rules/pmx_model.h"

// Rules of record transfer between a PromoMats vault and its CRMs: which
// object types move which way, the sandbox guard and record matching.
namespace engage::promomats {

// PMX-02 / PMX-03: whether `type` moves in `direction`.
bool ObjectTypeMoves(Direction direction, ObjectType type);

// PMX-06: a SANDBOX source never writes into a PRODUCTION target; every other
// pair (production -> sandbox included) may.
bool MayWrite(VaultType source, VaultType target);

// PMX-04: whether an arriving record is the same record as an existing one.
// Links decide when both have one; otherwise the external id, or the CRM id
// within the same CRM org. A name alone never matches (PMX-14).
bool Matches(const RecordKeys& incoming, const RecordKeys& existing);

// The first of `candidates` that `incoming` matches, if any.
std::optional<StoredRecord> FindMatch(const RecordKeys& incoming,
                                      const std::vector<StoredRecord>& candidates);

// Why one record of a batch cannot be written (empty: it can). A record needs
// a key to be matched by later, and a Country record an ISO code.
std::string RecordFailure(ObjectType type, const TransferRecord& record);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_RULES_TRANSFER_RULES_H_
