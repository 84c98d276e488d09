#ifndef ENGAGE_PROMOMATS_SVC_VAULT_STORE_H_
#define ENGAGE_PROMOMATS_SVC_VAULT_STORE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/idempotency/request_key.h"
#include "promomats_svc/rules/vault_model.h"

namespace engage::promomats {

// Storage of vaults, scoped to one tenant per call.
class VaultStore {
 public:
  virtual ~VaultStore() = default;
  // Registers `vault` unless its key was used: then returns the vault that
  // request registered when this one replays it (same fingerprint), else
  // ALREADY_EXISTS.
  virtual absl::StatusOr<Vault> Register(const std::string& tenant,
                                         const idempotency::RequestKey& key, const Vault& vault,
                                         absl::Time now) = 0;
  virtual absl::StatusOr<VaultPage> List(const std::string& tenant, const std::string& after_id,
                                         int limit) = 0;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_VAULT_STORE_H_
