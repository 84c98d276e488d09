#ifndef ENGAGE_COMMON_AUTH_CLAIM_FORM_H_
#define ENGAGE_COMMON_AUTH_CLAIM_FORM_H_

#include "absl/status/status.h"
#include "common/auth/identity.h"

namespace engage::auth {

// SEC-13: the form a verified token's claims must have before anything uses
// them, so no other spelling of a tenant or a subject (a trailing space, an
// upper-case letter, a control character) can name someone else's data.
//   tenant:  [a-z0-9][a-z0-9_-]{0,63}, or "*" on a SERVICE token only
//   subject: [A-Za-z0-9][A-Za-z0-9._@:|+-]{0,127} (OIDC subjects such as
//            "auth0|5f7c", UUIDs and e-mail-like names fit)
//   email:   empty, or at most 254 printable characters with one '@' and no
//            spaces; stored lower-cased by the verifier
// UNAUTHENTICATED naming the claim otherwise.
absl::Status CheckClaimForm(const Identity& identity);

// True for a tenant id of the form above ("*" excluded).
bool IsTenantId(const std::string& tenant);

}  // namespace engage::auth

#endif  // ENGAGE_COMMON_AUTH_CLAIM_FORM_H_
