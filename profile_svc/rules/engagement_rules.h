#ifndef ENGAGE_PROFILE_SVC_RULES_ENGAGEMENT_RULES_H_
#define ENGAGE_PROFILE_SVC_RULES_ENGAGEMENT_RULES_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace engage::profile {

// One profile-data event as the engagement system receives it (CAT-08): the
// profile's opaque id and the answer, nothing else of the HCP (no name, no
// e-mail, no alternate id: the engagement system maps the id to its customer).
struct ProfileDataPayload {
  std::string event_id;  // also the Idempotency-Key header
  std::string profile_id;
  std::string category_code;
  std::string response_code;
  // Grows with every event of the mesh: of two events of one profile and
  // category, the higher sequence is the newer answer.
  int64_t sequence = 0;
  absl::Time occurred_at;
};

// The JSON body POSTed for `event` (README: "Profile-data delivery"):
// {"event_id","profile_id","category_code","response_code","sequence","occurred_at"}.
std::string ProfileDataJson(const ProfileDataPayload& event);

// What an HTTP answer means for the event: 2xx delivered; 408, 429 and 5xx
// (and no answer at all: refused connection, timeout) retried with backoff;
// any other status (3xx: redirects are not followed; 4xx: the receiver
// refused the content) fails the event for good.
enum class DeliveryVerdict { kDelivered, kRetry, kRefused };
DeliveryVerdict ClassifyHttpStatus(long status);

// An engagement-system endpoint an admin may set: an absolute https URL with
// a host name, no user info (credentials do not belong in a stored URL), no
// fragment, at most 2000 characters, printable ASCII; an IP-literal host must
// be kPublic (ClassifyIpv4/6: not the mesh's own network). With
// `allow_loopback_http` (tests, a receiver on the pod) http to 127.0.0.1,
// [::1] or localhost is allowed too. INVALID_ARGUMENT naming `field`.
absl::Status CheckEngagementEndpoint(const std::string& field, const std::string& url,
                                     bool allow_loopback_http);

// Where an IP address leads, for SSRF (CAT-08, SEC): kInternal is the
// mesh's own network or nowhere routable (private 10/8, 172.16/12,
// 192.168/16, CGNAT 100.64/10, link-local 169.254/16 and fe80::/10 (cloud
// metadata), unique-local fc00::/7, site-local fec0::/10, unspecified 0/8 and
// ::, multicast 224/4 and ff00::/8, reserved 240/4); kLoopback is 127/8 and
// ::1. An IPv6 address embedding an IPv4 one (mapped ::ffff:0:0/96,
// compatible ::/96, NAT64 64:ff9b::/96) is classified as that IPv4 address.
// One classifier for both the URL's IP literal and the address libcurl
// actually connects to (after DNS), so the two never disagree.
enum class AddressScope { kPublic, kLoopback, kInternal };
AddressScope ClassifyIpv4(const std::array<uint8_t, 4>& address);
AddressScope ClassifyIpv6(const std::array<uint8_t, 16>& address);

// A receiver's answer body cut for an admin to read in last_error: printable
// ASCII only, at most 200 characters.
std::string AnswerSnippet(std::string_view body);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_RULES_ENGAGEMENT_RULES_H_
