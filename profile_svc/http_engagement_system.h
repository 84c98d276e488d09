#ifndef ENGAGE_PROFILE_SVC_HTTP_ENGAGEMENT_SYSTEM_H_
#define ENGAGE_PROFILE_SVC_HTTP_ENGAGEMENT_SYSTEM_H_

#include <string>

#include "absl/time/time.h"
#include "profile_svc/engagement_system.h"

namespace engage::profile {

// EngagementSystem over HTTP(S) with libcurl: one POST per event of
// ProfileDataJson (Content-Type: application/json) with the header
// `Idempotency-Key: <event id>`, bounded by `timeout` (connecting included).
// Redirects are not followed; only http and https are spoken; the server's
// certificate is verified against the system's CAs (or `ca_file`).
class HttpEngagementSystem final : public EngagementSystem {
 public:
  struct Settings {
    absl::Duration timeout = absl::Seconds(10);
    std::string ca_file;  // empty: the system's CAs
  };
  explicit HttpEngagementSystem(Settings settings);
  EngagementAnswer Deliver(const std::string& endpoint_url,
                           const ProfileDataPayload& event) override;

 private:
  Settings settings_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_HTTP_ENGAGEMENT_SYSTEM_H_
