#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_STORE_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_STORE_H_

#include <string>

#include "absl/status/statusor.h"
#include "connection_svc/connection_model.h"

namespace engage::connection {

// What connection_svc's rules need from storage; every call is scoped to one
// tenant.
class ConnectionStore {
 public:
  virtual ~ConnectionStore() = default;

  // Connections where `profile_id` is either side, ordered by connection id,
  // after `after_id` (empty: from the start), at most `limit`.
  virtual absl::StatusOr<ConnectionPage> ListForProfile(const std::string& tenant,
                                                        const std::string& profile_id,
                                                        const std::string& after_id,
                                                        int limit) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CONNECTION_STORE_H_
