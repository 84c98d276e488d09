#ifndef ENGAGE_COMMON_AUTH_JWT_H_
#define ENGAGE_COMMON_AUTH_JWT_H_

#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/identity.h"
#include "common/time/clock.h"

namespace engage::auth {

// Whom a token must come from and be meant for: its `iss` claim must equal
// `issuer` and its `aud` claim (a string or an array of strings) must hold
// `audience`. An empty field is not checked (local runs); production sets
// both, so a token the identity provider issued for another application is
// refused even though its signature is good.
struct TokenScope {
  std::string issuer;
  std::string audience;
};

// Verifies bearer JWTs with libjwt: HS256 with a shared secret (local runs) or
// RS256 with a PEM public key (production). Only the configured algorithm is
// accepted, so a token cannot choose a weaker one. `exp` is required, `nbf` is
// honoured, both with a small clock skew. Claims: sub, role, tenant (of the
// strict form CheckClaimForm states, SEC-13), optional email and
// email_verified (SEC-07), and iss and aud as `scope` asks.
class JwtVerifier {
 public:
  enum class Algorithm { kHs256, kRs256 };

  JwtVerifier(Algorithm algorithm, std::string key, const Clock& clock, TokenScope scope = {},
              absl::Duration skew = absl::Seconds(30));

  // UNAUTHENTICATED (with why) for a missing, malformed, badly signed,
  // expired or not yet valid token, one lacking a subject, role or tenant, or
  // one from another issuer or for another audience.
  absl::StatusOr<Identity> Verify(const std::string& token) const;

 private:
  // Signature check and claim parsing of a token not seen before.
  absl::StatusOr<Identity> Decode(const std::string& token, long long* exp, long long* nbf) const;

  Algorithm algorithm_;
  std::string key_;
  const Clock& clock_;
  TokenScope scope_;
  absl::Duration skew_;
  // Tokens whose signature was verified, keyed by the whole token (so a
  // changed byte never matches): a caller's repeated calls skip the HMAC/RSA
  // and JSON work; expiry is still checked on every call.
  struct Verified {
    Identity identity;
    long long exp = 0;
    long long nbf = 0;
  };
  mutable std::mutex cache_mu_;
  mutable std::unordered_map<std::string, Verified> cache_;
};

// Mints an HS256 token (local runs, tests and the token script; never used
// with production keys), with iss and aud when `scope` names them and email /
// email_verified when the identity has an e-mail.
absl::StatusOr<std::string> MintHs256(const std::string& secret, const Identity& identity,
                                      absl::Time issued, absl::Duration lifetime,
                                      const TokenScope& scope = {});

// Extracts the token of an "authorization: Bearer <token>" header value.
absl::StatusOr<std::string> BearerToken(const std::string& header_value);

}  // namespace engage::auth

#endif  // ENGAGE_COMMON_AUTH_JWT_H_
