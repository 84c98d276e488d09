// JWT parsing and verification (common/auth/jwt over libjwt, then SEC-13's
// claim form). The first byte picks what the rest is:
//   0  a bearer token as a caller sends it (seeds: tokens signed with kSecret)
//   1  a claims object, signed here with kSecret under an HS256 header, so the
//      claim parsing behind the signature check is reached
//   2  "<header JSON>\n<claims JSON>", signed here (alg confusion, odd headers)
// Properties: no crash; a verified token is three base64url parts (what was
// signed is all there is), its claims have the SEC-13 form and a known role,
// and it verifies the same again (from the cache) and without the scope.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/auth/claim_form.h"
#include "common/auth/jwt.h"
#include "common/time/clock.h"
#include "fuzz/fuzz_support.h"

namespace auth = engage::auth;

namespace {

constexpr char kSecret[] = "fuzz-secret-0123456789abcdef0123";

std::string Sign(const std::string& header, const std::string& claims) {
  const std::string input =
      absl::StrCat(absl::WebSafeBase64Escape(header), ".", absl::WebSafeBase64Escape(claims));
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), kSecret, sizeof(kSecret) - 1,
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &mac_size);
  return absl::StrCat(
      input, ".", absl::WebSafeBase64Escape(std::string(reinterpret_cast<char*>(mac), mac_size)));
}

bool CompactForm(const std::string& token) {
  int dots = 0;
  for (char c : token) {
    if (c == '.') {
      ++dots;
    } else if (!absl::ascii_isalnum(c) && c != '-' && c != '_') {
      return false;
    }
  }
  return dots == 2;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // 2026-01-01: seeds carry exp in 2100 and nbf in 2020.
  static const engage::FakeClock clock(absl::FromUnixSeconds(1767225600));
  static const auth::JwtVerifier scoped(auth::JwtVerifier::Algorithm::kHs256, kSecret, clock,
                                        {"https://idp.example", "engage"});
  static const auth::JwtVerifier open(auth::JwtVerifier::Algorithm::kHs256, kSecret, clock);
  static const auth::JwtVerifier rs256(auth::JwtVerifier::Algorithm::kRs256, "not a PEM key",
                                       clock);

  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string token;
  switch (data[0] % 3) {
    case 0:
      token = rest;
      (void)auth::BearerToken(rest);
      (void)rs256.Verify(rest);
      break;
    case 1:
      token = Sign(R"({"alg":"HS256","typ":"JWT"})", rest);
      break;
    default: {
      auto parts = engage::fuzz::Split(data + 1, size - 1, '\n', 2);
      token = Sign(parts[0], parts[1]);
      break;
    }
  }

  auto scoped_id = scoped.Verify(token);
  auto open_id = open.Verify(token);
  if (!scoped_id.ok()) FUZZ_CHECK(absl::IsUnauthenticated(scoped_id.status()));
  if (!open_id.ok()) FUZZ_CHECK(absl::IsUnauthenticated(open_id.status()));
  if (scoped_id.ok()) {
    FUZZ_CHECK(CompactForm(token));
    FUZZ_CHECK(auth::CheckClaimForm(*scoped_id).ok());
    FUZZ_CHECK(scoped_id->role != auth::kNoRole);
    FUZZ_CHECK(!scoped_id->email_verified || !scoped_id->email.empty());
    FUZZ_CHECK(open_id.ok() && open_id->subject == scoped_id->subject &&
               open_id->tenant == scoped_id->tenant && open_id->role == scoped_id->role);
    auto again = scoped.Verify(token);
    FUZZ_CHECK(again.ok() && again->subject == scoped_id->subject &&
               again->email == scoped_id->email);
  }
  if (open_id.ok()) FUZZ_CHECK(CompactForm(token) && auth::CheckClaimForm(*open_id).ok());
  return 0;
}
