#ifndef ENGAGE_PROFILE_SVC_ENGAGEMENT_ENDPOINT_STORE_H_
#define ENGAGE_PROFILE_SVC_ENGAGEMENT_ENDPOINT_STORE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace engage::profile {

// Where each company's engagement system takes profile-data events (CAT-08),
// set by the tenant's admins. Scoped to one tenant per call.
class EngagementEndpointStore {
 public:
  virtual ~EngagementEndpointStore() = default;
  // The tenant's endpoint URL; empty when none is set.
  virtual absl::StatusOr<std::string> Get(const std::string& tenant) = 0;
  // Sets the endpoint (empty `url`: removes it); true when the URL changed.
  // Only then, in the same transaction, the tenant's pending events become
  // due now (those that waited for an endpoint, or for one that was down, go
  // at the next dispatch): setting the same URL again leaves their backoff.
  virtual absl::StatusOr<bool> Set(const std::string& tenant, const std::string& url,
                                   absl::Time now) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_ENGAGEMENT_ENDPOINT_STORE_H_
