#ifndef ENGAGE_PROFILE_SVC_RULES_ENGAGEMENT_RULES_H_
#define ENGAGE_PROFILE_SVC_RULES_ENGAGEMENT_RULES_H_

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
// not be loopback, private or link-local (the mesh's own network). With
// `allow_loopback_http` (tests, a receiver on the pod) http to 127.0.0.1,
// [::1] or localhost is allowed too. INVALID_ARGUMENT naming `field`.
absl::Status CheckEngagementEndpoint(const std::string& field, const std::string& url,
                                     bool allow_loopback_http);

// A receiver's answer body cut for an admin to read in last_error: printable
// ASCII only, at most 200 characters.
std::string AnswerSnippet(std::string_view body);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_RULES_ENGAGEMENT_RULES_H_
