#include "common/auth/jwt.h"

#include <jwt.h>

#include <cerrno>
#include <cstdlib>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/auth/claim_form.h"

namespace engage::auth {
namespace {

struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

constexpr size_t kMaxCachedTokens = 10000;
constexpr char kCompactJwsChars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

absl::Status Unauthenticated(const std::string& why) {
  return absl::UnauthenticatedError(absl::StrCat("invalid token: ", why));
}

std::string Grant(jwt_t* j, const char* name) {
  const char* v = jwt_get_grant(j, name);
  return v == nullptr ? std::string() : std::string(v);
}

// True when `aud` is `audience` or an array holding it. libjwt hands arrays
// back as JSON text; elements with escapes never match (fail closed), which
// costs nothing as audiences are plain names or URLs.
bool AudienceHolds(jwt_t* j, const std::string& audience) {
  if (Grant(j, "aud") == audience) return true;
  char* json = jwt_get_grants_json(j, "aud");
  if (json == nullptr) return false;
  std::string text(json);
  free(json);
  if (text.empty() || text.front() != '[') return false;
  for (size_t open = text.find('"'); open != std::string::npos;) {
    size_t close = text.find('"', open + 1);
    if (close == std::string::npos) return false;
    std::string element = text.substr(open + 1, close - open - 1);
    if (element.find('\\') != std::string::npos) return false;
    if (element == audience) return true;
    open = text.find('"', close + 1);
  }
  return false;
}

}  // namespace

JwtVerifier::JwtVerifier(Algorithm algorithm, std::string key, const Clock& clock, TokenScope scope,
                         absl::Duration skew)
    : algorithm_(algorithm),
      key_(std::move(key)),
      clock_(clock),
      scope_(std::move(scope)),
      skew_(skew) {}

absl::StatusOr<Identity> JwtVerifier::Verify(const std::string& token) const {
  if (token.empty()) return absl::UnauthenticatedError("missing bearer token");
  if (token.size() > 8192) return Unauthenticated("too long");
  // Compact JWS is base64url and dots only. libjwt reads a C string, so a NUL
  // and whatever follows it would otherwise pass unseen (found by fuzzing).
  if (token.find_first_not_of(kCompactJwsChars) != std::string::npos) {
    return Unauthenticated("malformed");
  }
  Verified entry;
  bool cached = false;
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = cache_.find(token);
    if (it != cache_.end()) {
      entry = it->second;
      cached = true;
    }
  }
  if (!cached) {
    auto identity = Decode(token, &entry.exp, &entry.nbf);
    if (!identity.ok()) return identity.status();
    entry.identity = *identity;
  }
  const long long now = absl::ToUnixSeconds(clock_.Now());
  const long long skew = absl::ToInt64Seconds(skew_);
  if (now > entry.exp + skew) return Unauthenticated("expired");
  if (now + skew < entry.nbf) return Unauthenticated("not yet valid");
  if (!cached) {
    std::lock_guard<std::mutex> lock(cache_mu_);
    // Bounded: start over rather than grow without limit.
    if (cache_.size() >= kMaxCachedTokens) cache_.clear();
    cache_.emplace(token, entry);
  }
  return entry.identity;
}

absl::StatusOr<Identity> JwtVerifier::Decode(const std::string& token, long long* exp,
                                             long long* nbf) const {
  jwt_t* raw = nullptr;
  int rc = jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(key_.data()),
                      static_cast<int>(key_.size()));
  JwtPtr j(raw);
  if (rc != 0 || j == nullptr) return Unauthenticated("malformed or bad signature");
  jwt_alg_t expected = algorithm_ == Algorithm::kHs256 ? JWT_ALG_HS256 : JWT_ALG_RS256;
  if (jwt_get_alg(j.get()) != expected) return Unauthenticated("unexpected algorithm");
  errno = 0;
  *exp = jwt_get_grant_int(j.get(), "exp");
  if (errno != 0) return Unauthenticated("no exp claim");
  errno = 0;
  *nbf = jwt_get_grant_int(j.get(), "nbf");
  if (errno != 0) *nbf = 0;
  if (!scope_.issuer.empty() && Grant(j.get(), "iss") != scope_.issuer) {
    return Unauthenticated("wrong issuer");
  }
  if (!scope_.audience.empty() && !AudienceHolds(j.get(), scope_.audience)) {
    return Unauthenticated("not for this audience");
  }

  Identity id;
  id.subject = Grant(j.get(), "sub");
  id.tenant = Grant(j.get(), "tenant");
  id.role = RoleFromName(Grant(j.get(), "role"));
  if (id.subject.empty()) return Unauthenticated("no sub claim");
  if (id.tenant.empty()) return Unauthenticated("no tenant claim");
  if (id.role == engage::common::v1::ROLE_UNSPECIFIED) return Unauthenticated("unknown role");
  // E-mail addresses compare case-insensitively everywhere in the mesh.
  id.email = absl::AsciiStrToLower(Grant(j.get(), "email"));
  errno = 0;
  const int verified = jwt_get_grant_bool(j.get(), "email_verified");
  id.email_verified = errno == 0 && verified == 1 && !id.email.empty();
  if (auto form = CheckClaimForm(id); !form.ok()) return form;
  return id;
}

absl::StatusOr<std::string> MintHs256(const std::string& secret, const Identity& identity,
                                      absl::Time issued, absl::Duration lifetime,
                                      const TokenScope& scope) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("jwt_new failed");
  JwtPtr j(raw);
  long iat = static_cast<long>(absl::ToUnixSeconds(issued));
  bool ok =
      jwt_add_grant(j.get(), "sub", identity.subject.c_str()) == 0 &&
      jwt_add_grant(j.get(), "tenant", identity.tenant.c_str()) == 0 &&
      jwt_add_grant(j.get(), "role", RoleName(identity.role).c_str()) == 0 &&
      jwt_add_grant_int(j.get(), "iat", iat) == 0 && jwt_add_grant_int(j.get(), "nbf", iat) == 0 &&
      jwt_add_grant_int(j.get(), "exp", iat + absl::ToInt64Seconds(lifetime)) == 0 &&
      jwt_set_alg(j.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(secret.data()),
                  static_cast<int>(secret.size())) == 0;
  if (ok && !identity.email.empty()) {
    ok = jwt_add_grant(j.get(), "email", identity.email.c_str()) == 0 &&
         jwt_add_grant_bool(j.get(), "email_verified", identity.email_verified ? 1 : 0) == 0;
  }
  if (ok && !scope.issuer.empty()) ok = jwt_add_grant(j.get(), "iss", scope.issuer.c_str()) == 0;
  if (ok && !scope.audience.empty()) {
    ok = jwt_add_grant(j.get(), "aud", scope.audience.c_str()) == 0;
  }
  if (!ok) return absl::InternalError("could not build token");
  char* encoded = jwt_encode_str(j.get());
  if (encoded == nullptr) return absl::InternalError("could not encode token");
  std::string out(encoded);
  free(encoded);
  return out;
}

absl::StatusOr<std::string> BearerToken(const std::string& header_value) {
  const std::string prefix = "Bearer ";
  if (header_value.size() <= prefix.size() || header_value.compare(0, prefix.size(), prefix) != 0) {
    return absl::UnauthenticatedError("missing bearer token");
  }
  return header_value.substr(prefix.size());
}

}  // namespace engage::auth
