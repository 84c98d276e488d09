#ifndef ENGAGE_CONNECTION_SVC_ERASURE_STORE_H_
#define ENGAGE_CONNECTION_SVC_ERASURE_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace engage::connection {

struct ErasureResult {
  int interactions_erased = 0;
  int invites_cleared = 0;
  std::vector<std::string> revoked_invite_ids;
};

// PRF-11 / PRF-12: what connection_svc holds of a removed HCP beyond its
// connections (which the removals feed deactivates, and which stay for the
// CRM's deactivated records, SYN-06). One transaction; repeating it finds
// nothing more to do.
class ErasureStore {
 public:
  virtual ~ErasureStore() = default;
  // Interaction records of `profile_id` or of `email` (compared without
  // case) lose the e-mail, or are deleted when the e-mail was all they held;
  // invites addressed to `email` lose their recipient, pending ones are
  // revoked. An empty `email` erases by profile only.
  virtual absl::StatusOr<ErasureResult> EraseHcp(const std::string& tenant,
                                                 const std::string& profile_id,
                                                 const std::string& email, absl::Time now) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_ERASURE_STORE_H_
