#ifndef ENGAGE_PROMOMATS_SVC_NOTIFICATION_SINK_H_
#define ENGAGE_PROMOMATS_SVC_NOTIFICATION_SINK_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "promomats_svc/rules/pmx_model.h"

namespace engage::promomats {

// Where the dispatcher writes the owners' notifications (PMX-13).
class NotificationSink {
 public:
  virtual ~NotificationSink() = default;
  // Writes `n` once per `delivery_key`: a second call with the same key (a
  // replayed delivery) writes nothing and succeeds.
  virtual absl::Status Notify(const std::string& tenant, const std::string& delivery_key,
                              const Notification& n, absl::Time now) = 0;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_NOTIFICATION_SINK_H_
