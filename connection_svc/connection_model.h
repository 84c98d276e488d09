#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_MODEL_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_MODEL_H_

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace engage::connection {

// A connection between one field user and one HCP (CON-09: deactivated, never
// deleted).
struct Connection {
  std::string connection_id;
  std::string field_user_profile_id;
  std::string hcp_profile_id;
  bool active = true;
  absl::Time create_time;
  absl::Time inactivation_time = absl::InfinitePast();
};

struct ConnectionPage {
  std::vector<Connection> connections;
  bool more = false;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CONNECTION_MODEL_H_
