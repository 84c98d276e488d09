#ifndef ENGAGE_PROMOMATS_SVC_MYSQL_VAULT_STORE_H_
#define ENGAGE_PROMOMATS_SVC_MYSQL_VAULT_STORE_H_

#include "common/mysql/pool.h"
#include "promomats_svc/vault_store.h"

namespace engage::promomats {

// VaultStore over the shared MySQL schema (table vaults).
class MysqlVaultStore final : public VaultStore {
 public:
  explicit MysqlVaultStore(mysql::Pool& pool) : pool_(pool) {}
  absl::StatusOr<Vault> Register(const std::string& tenant, const idempotency::RequestKey& key,
                                 const Vault& vault, absl::Time now) override;
  absl::StatusOr<VaultPage> List(const std::string& tenant, const std::string& after_id,
                                 int limit) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_MYSQL_VAULT_STORE_H_
