#include "profile_svc/rules/sign_up_rules.h"

#include "common/status/errors.h"

namespace engage::profile {

absl::StatusOr<std::string> SignUpEmail(const auth::Identity& caller) {
  std::string email = caller.VerifiedEmail();
  if (email.empty()) {
    return WithReason(
        absl::FailedPreconditionError(
            caller.email.empty()
                ? "SEC-07: your identity token carries no e-mail; sign-up takes the verified "
                  "e-mail of the token (claims email and email_verified)"
                : "SEC-07: your token's e-mail is not verified (email_verified is not true); "
                  "verify it with your identity provider before signing up"),
        "SEC-07");
  }
  return email;
}

}  // namespace engage::profile
