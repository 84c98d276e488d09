#ifndef ENGAGE_PROFILE_SVC_MYSQL_USER_STORE_H_
#define ENGAGE_PROFILE_SVC_MYSQL_USER_STORE_H_

#include "common/mysql/pool.h"
#include "profile_svc/user_store.h"

namespace engage::profile {

// The statement ListUsers runs (tests EXPLAIN it: a search uses the indexes
// of migration 0070, never a scan of the tenant's users).
struct UserQuery {
  std::string sql;
  mysql::Params params;
};
UserQuery ListUsersQuery(const std::string& tenant, const UserFilter& filter,
                         const std::string& after, int limit);

// UserStore over users (and the profile and group membership of each).
class MysqlUserStore final : public UserStore {
 public:
  explicit MysqlUserStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<UserRecord>> ListUsers(const std::string& tenant,
                                                    const UserFilter& filter,
                                                    const std::string& after, int limit) override;
  absl::StatusOr<Moved> MoveUser(const std::string& tenant, const std::string& user_id,
                                 const std::string& org_id,
                                 const std::function<absl::Status(const UserRecord&)>& check,
                                 absl::Time now) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_USER_STORE_H_
