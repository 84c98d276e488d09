#ifndef ENGAGE_PROMOMATS_SVC_TARGET_VAULT_H_
#define ENGAGE_PROMOMATS_SVC_TARGET_VAULT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "promomats_svc/rules/pmx_model.h"

namespace engage::promomats {

// A CRM vault that documents are delivered into. Both calls are idempotent
// keyed by the change id: a change applied before is not applied again and
// returns the outcome it had the first time, so a dispatcher that died after
// the target wrote but before it recorded the delivery can simply redeliver.
// MysqlTargetVault keeps CrossLinks in this service's tables; a
// client of a real remote vault can replace it.
class TargetVault {
 public:
  virtual ~TargetVault() = default;
  // Creates the CrossLink of the payload's document, or up-versions it and
  // updates its metadata; a change older than the one applied does nothing.
  virtual absl::StatusOr<ApplyOutcome> CrossLink(const std::string& tenant,
                                                 const std::string& target_vault_id,
                                                 const std::string& change_id, int64_t seq,
                                                 const promomats::CrossLink& payload) = 0;
  // Withdraws the CrossLink of the document (nothing when there is none).
  virtual absl::StatusOr<ApplyOutcome> Withdraw(const std::string& tenant,
                                                const std::string& target_vault_id,
                                                const std::string& change_id, int64_t seq,
                                                const std::string& document_id) = 0;
  // The CrossLinks a CRM vault holds (withdrawn ones too), by document id.
  virtual absl::StatusOr<std::vector<promomats::CrossLink>> List(
      const std::string& tenant, const std::string& crm_vault_id,
      const std::string& after_document_id, int limit) = 0;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_TARGET_VAULT_H_
