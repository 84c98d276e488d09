#include "connection_svc/rules/preview_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "connection_svc/rules/invite_rules.h"

namespace engage::connection {

absl::Status PreviewNotFound() {
  // The store's own words for a missing token, so both paths read alike.
  return absl::NotFoundError("token: no invite has this token");
}

absl::StatusOr<PreviewFacts> PreviewOf(const Invite& invite, const std::string& verified_email,
                                       auth::CallerState inviter, absl::Time now) {
  // SEC-08: an e-mail invite is its recipient's business alone; to anyone
  // else it does not exist.
  if (!CheckRecipient(invite, verified_email).ok()) return PreviewNotFound();
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

absl::Duration SpendPreview(PreviewBucket& bucket, const PreviewRate& rate, absl::Time now) {
  if (bucket.tokens < 0) {
    bucket.tokens = rate.burst;
    bucket.refilled = now;
  } else if (now > bucket.refilled) {
    bucket.tokens =
        std::min(rate.burst, bucket.tokens + absl::ToDoubleSeconds(now - bucket.refilled) *
                                                 rate.per_minute / 60);
    bucket.refilled = now;
  }
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return absl::ZeroDuration();
  }
  return absl::Seconds((1 - bucket.tokens) * 60 / rate.per_minute);
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
