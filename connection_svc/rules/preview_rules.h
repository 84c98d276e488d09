#ifndef ENGAGE_CONNECTION_SVC_RULES_PREVIEW_RULES_H_
#define ENGAGE_CONNECTION_SVC_RULES_PREVIEW_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/active_callers.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// CON-12: what the preview of an invite may show, as plain functions.

// The inviter's card as the preview shows it: SEC-03's public part (names,
// display name, title, photo) and the company's branding and medications.
// Nothing else of the card ever reaches it: no e-mail, phone or country.
struct InviterCard {
  std::string display_name;
  std::string first_name;
  std::string last_name;
  std::string title;
  std::string photo_url;
  std::string company_name;
  std::string primary_color;  // RRGGBB
  std::string secondary_color;
  std::vector<std::string> medications;
};

// The state a preview shows: the stored states, and expired (time alone
// turns an invite expired). Values as the contract's InviteState.
enum class PreviewState { kPending = 1, kAccepted = 2, kDeclined = 3, kRevoked = 4, kExpired = 5 };

// What the preview tells about one invite.
struct PreviewFacts {
  PreviewState state = PreviewState::kPending;
  // False when the inviter can no longer act (SEC-09): the invite then reads
  // revoked, and a deactivated user's card is not shown.
  bool show_card = true;
};

// The facts of `invite` for a caller whose token has `verified_email` (empty
// when none), given its inviter's state at `now`. An APPROVED_EMAIL invite
// previews only to its recipient (SEC-08); anyone else gets NoInviteWithToken().
absl::StatusOr<PreviewFacts> PreviewOf(const Invite& invite, const std::string& verified_email,
                                       auth::CallerState inviter, absl::Time now);

// Preview calls of one caller against token guessing: a token bucket of
// `burst` calls refilled at `per_minute` (PreviewLimiter holds them).
struct PreviewRate {
  double per_minute = 30;
  double burst = 10;
};
// RESOURCE_EXHAUSTED naming the rule, with a RetryInfo of `wait`.
absl::Status PreviewRateExceeded(absl::Duration wait);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_RULES_PREVIEW_RULES_H_
