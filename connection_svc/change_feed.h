#ifndef ENGAGE_CONNECTION_SVC_CHANGE_FEED_H_
#define ENGAGE_CONNECTION_SVC_CHANGE_FEED_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// The change feed of connections (CON-11), as profile_svc reads it.
class ChangeFeed {
 public:
  virtual ~ChangeFeed() = default;

  // Changes with sequence > `after`, in sequence order, at most `limit` (CON-11).
  virtual absl::StatusOr<std::vector<Change>> ReadFeed(const std::string& tenant, int64_t after,
                                                       int limit) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CHANGE_FEED_H_
