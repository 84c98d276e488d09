#include "profile_svc/mysql_caller_directory.h"

#include "common/status/status_macros.h"
namespace engage::profile {

absl::StatusOr<auth::CallerState> MysqlCallerDirectory::StateOf(const std::string& tenant,
                                                                const std::string& subject) {
  // One row per source (a user, a profile); both keys are unique per tenant.
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT 1, NOT active FROM users WHERE tenant_id = ? AND subject = ? "
          "UNION ALL SELECT 2, deleted_time IS NOT NULL OR merged_into IS NOT NULL FROM profiles "
          "WHERE tenant_id = ? AND subject = ?",
          {tenant, subject, tenant, subject}));
  if (rows.empty()) return auth::CallerState::kUnknown;
  for (const auto& r : rows) {
    if (!r.Bool(1)) continue;
    return r.Int(0) == 1 ? auth::CallerState::kDeactivated : auth::CallerState::kRemoved;
  }
  return auth::CallerState::kActive;
}

}  // namespace engage::profile
