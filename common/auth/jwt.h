#ifndef ENGAGE_COMMON_AUTH_JWT_H_
#define ENGAGE_COMMON_AUTH_JWT_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/identity.h"
#include "common/time/clock.h"

namespace engage::auth {

// Verifies bearer JWTs with libjwt: HS256 with a shared secret (local runs) or
// RS256 with a PEM public key (production). Only the configured algorithm is
// accepted, so a token cannot choose a weaker one. `exp` is required, `nbf` is
// honoured, both with a small clock skew. Claims: sub, role, tenant.
class JwtVerifier {
 public:
  enum class Algorithm { kHs256, kRs256 };

  JwtVerifier(Algorithm algorithm, std::string key, const Clock& clock,
              absl::Duration skew = absl::Seconds(30));

  // UNAUTHENTICATED (with why) for a missing, malformed, badly signed,
  // expired or not yet valid token, or one lacking a subject, role or tenant.
  absl::StatusOr<Identity> Verify(const std::string& token) const;

 private:
  Algorithm algorithm_;
  std::string key_;
  const Clock& clock_;
  absl::Duration skew_;
};

// Mints an HS256 token (local runs, tests and the token script; never used
// with production keys).
absl::StatusOr<std::string> MintHs256(const std::string& secret, const Identity& identity,
                                      absl::Time issued, absl::Duration lifetime);

// Extracts the token of an "authorization: Bearer <token>" header value.
absl::StatusOr<std::string> BearerToken(const std::string& header_value);

}  // namespace engage::auth

#endif  // ENGAGE_COMMON_AUTH_JWT_H_
