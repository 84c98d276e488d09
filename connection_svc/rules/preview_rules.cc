#include "connection_svc/rules/preview_rules.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "connection_svc/rules/invite_rules.h"

namespace engage::connection {

absl::StatusOr<PreviewFacts> PreviewOf(const Invite& invite, const std::string& verified_email,
                                       auth::CallerState inviter, absl::Time now) {
  // SEC-08: an e-mail invite is its recipient's business alone; to anyone
  // else it does not exist.
  if (auto st = CheckRecipient(invite, verified_email); !st.ok()) return st;
  PreviewFacts facts;
  facts.state =
      IsExpired(invite, now) ? PreviewState::kExpired : static_cast<PreviewState>(invite.state);
  if (!CheckInviterActive(inviter).ok()) {
    facts.show_card = false;
    // SEC-09: an open invite of an inviter who can no longer act is revoked
    // (by the next accept); the preview, which writes nothing, says so now.
    if (facts.state == PreviewState::kPending) facts.state = PreviewState::kRevoked;
  }
  return facts;
}

absl::Status PreviewRateExceeded(absl::Duration wait) {
  return WithRetryDelay(
      WithReason(absl::ResourceExhaustedError(absl::StrCat(
                     "CON-12: too many invite previews from this caller; try again in ",
                     absl::FormatDuration(absl::Ceil(wait, absl::Seconds(1))))),
                 "CON-12"),
      wait);
}

}  // namespace engage::connection
