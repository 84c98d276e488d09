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
// SSRF (CAT-08, SEC): every address libcurl connects to, after DNS, is
// classified (ClassifyIpv4/6) when its socket is opened; a loopback (unless
// `allow_loopback`) or internal one is never connected to and the event fails
// as kRefused "CAT-08: ... internal address" (the tenant's configuration is
// wrong; retrying does not help). Proxies from the environment are ignored:
// the check must see the receiver's address, not a proxy's.
class HttpEngagementSystem final : public EngagementSystem {
 public:
  struct Settings {
    absl::Duration timeout = absl::Seconds(10);
    std::string ca_file;  // empty: the system's CAs
    // ENGAGE_ENGAGEMENT_ALLOW_LOOPBACK_HTTP: tests, a receiver on the pod.
    bool allow_loopback = false;
  };
  explicit HttpEngagementSystem(Settings settings);
  EngagementAnswer Deliver(const std::string& endpoint_url,
                           const ProfileDataPayload& event) override;

 private:
  Settings settings_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_HTTP_ENGAGEMENT_SYSTEM_H_
