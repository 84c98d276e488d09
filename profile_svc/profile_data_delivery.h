#ifndef ENGAGE_PROFILE_SVC_PROFILE_DATA_DELIVERY_H_
#define ENGAGE_PROFILE_SVC_PROFILE_DATA_DELIVERY_H_

#include "common/outbox/mysql_outbox_store.h"
#include "common/outbox/outbox.h"
#include "profile_svc/engagement_endpoint_store.h"
#include "profile_svc/engagement_system.h"

namespace engage::profile {

// CAT-08: CAT-06's outbox (profile_data_outbox, fitted to common/outbox's
// shape by migration 0040), delivered in order per profile.
const outbox::OutboxTable& ProfileDataOutbox();

// The last_error of an event whose tenant has no endpoint: it stays pending
// (backing off) until an admin sets one, which makes it due at once.
inline constexpr char kNoEngagementEndpoint[] =
    "CAT-08: no engagement endpoint configured (UpdateEngagementEndpoint)";

// The outbox's deliver function: the tenant's endpoint from `endpoints`, the
// event to `system`; delivered: sent; refused (4xx): failed for good; else
// retried with backoff.
outbox::DeliverFn DeliverProfileData(EngagementEndpointStore& endpoints, EngagementSystem& system);

// What the admin calls on profile-data events need (ListProfileDataEvents,
// RetryProfileDataEvent, Get/UpdateEngagementEndpoint).
struct ProfileDataAdmin {
  outbox::Store& events;
  EngagementEndpointStore& endpoints;
  // http:// endpoints on loopback accepted (tests); else https only.
  bool allow_loopback_http = false;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_DATA_DELIVERY_H_
