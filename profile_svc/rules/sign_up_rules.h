#ifndef ENGAGE_PROFILE_SVC_SIGN_UP_RULES_H_
#define ENGAGE_PROFILE_SVC_SIGN_UP_RULES_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/auth/identity.h"

namespace engage::profile {

// SEC-07: an HCP signs up with the e-mail their identity provider verified
// (token claims `email` and `email_verified`), never one from the request, so
// the sign-up feed (and the interactions connection_svc matches to it, CON-07)
// carries only verified addresses. FAILED_PRECONDITION naming SEC-07 when the
// token has no verified e-mail.
absl::StatusOr<std::string> SignUpEmail(const auth::Identity& caller);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_SIGN_UP_RULES_H_
