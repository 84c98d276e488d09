#ifndef ENGAGE_PROFILE_SVC_USER_STORE_H_
#define ENGAGE_PROFILE_SVC_USER_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "profile_svc/rules/user_rules.h"

namespace engage::profile {

// The company's User records as an admin finds and moves them. One tenant
// per call: another tenant's users never match, whatever the filter.
class UserStore {
 public:
  virtual ~UserStore() = default;

  // Users matching `filter` with a user id above `after`, in user id order.
  // A query is answered from the search indexes of migration 0070.
  virtual absl::StatusOr<std::vector<UserRecord>> ListUsers(const std::string& tenant,
                                                            const UserFilter& filter,
                                                            const std::string& after,
                                                            int limit) = 0;

  struct Moved {
    UserRecord user;  // after the move
    std::string previous_org_id;
  };
  // Moves `user_id` to `org_id` in one transaction after `check` approved the
  // locked user: NOT_FOUND when the user or the org is not the tenant's. The
  // user's profile's update_time moves (the CRM syncs see a change) and
  // users.org_time records when they joined the org.
  virtual absl::StatusOr<Moved> MoveUser(
      const std::string& tenant, const std::string& user_id, const std::string& org_id,
      const std::function<absl::Status(const UserRecord&)>& check, absl::Time now) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_USER_STORE_H_
