#ifndef ENGAGE_PROFILE_SVC_ENGAGEMENT_SYSTEM_H_
#define ENGAGE_PROFILE_SVC_ENGAGEMENT_SYSTEM_H_

#include <string>

#include "profile_svc/rules/engagement_rules.h"

namespace engage::profile {

// What one delivery attempt came to, and why (for the event's last_error).
struct EngagementAnswer {
  DeliveryVerdict verdict = DeliveryVerdict::kRetry;
  std::string detail;
};

// The company's engagement system (CAT-08): takes one profile-data event at
// `endpoint_url`. The event id is the idempotency key: delivering an event
// again (at least once: a crash after the receiver took it) must not apply it
// twice. HttpEngagementSystem is the real one (HTTP POST of JSON).
class EngagementSystem {
 public:
  virtual ~EngagementSystem() = default;
  virtual EngagementAnswer Deliver(const std::string& endpoint_url,
                                   const ProfileDataPayload& event) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_ENGAGEMENT_SYSTEM_H_
