#ifndef ENGAGE_PROFILE_SVC_MYSQL_CALLER_DIRECTORY_H_
#define ENGAGE_PROFILE_SVC_MYSQL_CALLER_DIRECTORY_H_

#include "common/auth/active_callers.h"
#include "common/mysql/pool.h"

namespace engage::profile {

// SEC-09 from profile_svc's own tables: a subject's user (deactivated when
// not active) and profile (removed when deleted or merged away).
class MysqlCallerDirectory final : public auth::CallerDirectory {
 public:
  explicit MysqlCallerDirectory(mysql::Pool& pool) : pool_(pool) {}
  absl::StatusOr<auth::CallerState> StateOf(const std::string& tenant,
                                            const std::string& subject) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_CALLER_DIRECTORY_H_
