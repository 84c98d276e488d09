#ifndef ENGAGE_PROFILE_SVC_CONNECTION_ERASER_H_
#define ENGAGE_PROFILE_SVC_CONNECTION_ERASER_H_

#include <string>

#include "absl/status/status.h"

namespace engage::profile {

// PRF-11: connection_svc's part of an HCP's erasure (the e-mail in its
// interaction records, invites addressed to the HCP). Idempotent.
class ConnectionEraser {
 public:
  virtual ~ConnectionEraser() = default;
  virtual absl::Status EraseHcpData(const std::string& tenant, const std::string& profile_id,
                                    const std::string& email) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_CONNECTION_ERASER_H_
