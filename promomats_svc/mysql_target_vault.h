#ifndef ENGAGE_PROMOMATS_SVC_MYSQL_TARGET_VAULT_H_
#define ENGAGE_PROMOMATS_SVC_MYSQL_TARGET_VAULT_H_

#include <string>
#include <vector>

#include "common/mysql/pool.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "promomats_svc/target_vault.h"

namespace engage::promomats {

// The CRM side kept in this service's tables (pmx_crosslinks, and
// pmx_applied_changes as the idempotency key of every change applied).
class MysqlTargetVault final : public TargetVault {
 public:
  MysqlTargetVault(mysql::Pool& pool, const Clock& clock, IdGenerator& ids)
      : pool_(pool), clock_(clock), ids_(ids) {}

  absl::StatusOr<ApplyOutcome> CrossLink(const std::string& tenant,
                                         const std::string& target_vault_id,
                                         const std::string& change_id, int64_t seq,
                                         const promomats::CrossLink& payload) override;
  absl::StatusOr<ApplyOutcome> Withdraw(const std::string& tenant,
                                        const std::string& target_vault_id,
                                        const std::string& change_id, int64_t seq,
                                        const std::string& document_id) override;

  absl::StatusOr<std::vector<promomats::CrossLink>> List(const std::string& tenant,
                                                         const std::string& crm_vault_id,
                                                         const std::string& after_document_id,
                                                         int limit) override;

 private:
  // Applies one change once: `apply` sees the current CrossLink (if any) and
  // returns the outcome; the outcome is stored under the change id.
  absl::StatusOr<ApplyOutcome> ApplyOnce(
      const std::string& tenant, const std::string& target_vault_id, const std::string& change_id,
      const std::string& document_id,
      const std::function<absl::StatusOr<ApplyOutcome>(mysql::Session&, bool exists,
                                                       int64_t last_seq, bool active)>& apply);

  mysql::Pool& pool_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_MYSQL_TARGET_VAULT_H_
