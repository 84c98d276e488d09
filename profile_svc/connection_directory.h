#ifndef ENGAGE_PROFILE_SVC_CONNECTION_DIRECTORY_H_
#define ENGAGE_PROFILE_SVC_CONNECTION_DIRECTORY_H_

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace engage::profile {

// What SEC-03 needs from connection_svc, which owns the connections: which
// HCPs a field user is connected to now. One call per card read or page.
class ConnectionDirectory {
 public:
  virtual ~ConnectionDirectory() = default;
  // Of `hcp_profile_ids` (at most 500), those with an ACTIVE connection to
  // the field user's staff profile. The call being handled (its deadline,
  // request id and trace) carries on through the thread's current call.
  virtual absl::StatusOr<std::set<std::string>> ActiveHcps(
      const std::string& tenant, const std::string& field_user_profile_id,
      const std::vector<std::string>& hcp_profile_ids) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_CONNECTION_DIRECTORY_H_
