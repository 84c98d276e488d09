#include "common/auth/jwt.h"

#include <gtest/gtest.h>
#include <jwt.h>

namespace engage::auth {
namespace {

constexpr char kSecret[] = "unit-test-secret-0123456789abcdef0123456789";
const absl::Time kNow = absl::FromUnixSeconds(1800000000);

Identity Alice() { return {"alice", engage::common::v1::ROLE_FIELD_USER, "acme"}; }

TEST(JwtTest, ValidTokenYieldsSubjectRoleAndTenant) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  auto token = MintHs256(kSecret, Alice(), kNow, absl::Hours(1));
  ASSERT_TRUE(token.ok());
  auto id = v.Verify(*token);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->subject, "alice");
  EXPECT_EQ(id->tenant, "acme");
  EXPECT_EQ(id->role, engage::common::v1::ROLE_FIELD_USER);
}

TEST(JwtTest, ExpiredTokenIsUnauthenticatedAfterSkew) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock, {}, absl::Seconds(30));
  auto token = MintHs256(kSecret, Alice(), kNow - absl::Hours(2), absl::Hours(1));
  EXPECT_EQ(v.Verify(*token).status().code(), absl::StatusCode::kUnauthenticated);
  // Within the skew it still passes.
  auto recent = MintHs256(kSecret, Alice(), kNow - absl::Seconds(3610), absl::Hours(1));
  EXPECT_TRUE(v.Verify(*recent).ok());
}

TEST(JwtTest, AVerifiedTokenStillExpiresOnLaterCalls) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  auto token = MintHs256(kSecret, Alice(), kNow, absl::Minutes(10));
  ASSERT_TRUE(v.Verify(*token).ok());
  ASSERT_TRUE(v.Verify(*token).ok());  // served from the cache of verified tokens
  clock.Advance(absl::Minutes(11));
  EXPECT_EQ(v.Verify(*token).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(JwtTest, NotYetValidTokenIsRefused) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  auto token = MintHs256(kSecret, Alice(), kNow + absl::Minutes(5), absl::Hours(1));
  EXPECT_NE(v.Verify(*token).status().message().find("not yet valid"), std::string::npos);
}

TEST(JwtTest, WrongSignatureIsRefused) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  auto token =
      MintHs256("another-secret-0123456789abcdef0123456789", Alice(), kNow, absl::Hours(1));
  EXPECT_EQ(v.Verify(*token).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(JwtTest, TamperedPayloadIsRefused) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  std::string token = *MintHs256(kSecret, Alice(), kNow, absl::Hours(1));
  size_t dot = token.find('.');
  token[dot + 5] = token[dot + 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(v.Verify(token).status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(JwtTest, HsTokenIsRefusedByRsVerifier) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kRs256, "not a key", clock);
  auto token = MintHs256(kSecret, Alice(), kNow, absl::Hours(1));
  EXPECT_EQ(v.Verify(*token).status().code(), absl::StatusCode::kUnauthenticated);
}

// A token minted with libjwt directly, for claim shapes MintHs256 never makes.
std::string TokenWithClaims(const std::string& claims_json) {
  jwt_t* j = nullptr;
  EXPECT_EQ(jwt_new(&j), 0);
  long iat = static_cast<long>(absl::ToUnixSeconds(kNow));
  jwt_add_grants_json(j, claims_json.c_str());
  jwt_add_grant_int(j, "exp", iat + 3600);
  jwt_set_alg(j, JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(kSecret),
              static_cast<int>(sizeof(kSecret) - 1));
  char* encoded = jwt_encode_str(j);
  std::string out(encoded);
  free(encoded);
  jwt_free(j);
  return out;
}

TEST(JwtTest, IssuerAndAudienceAreCheckedWhenConfigured) {
  FakeClock clock(kNow);
  const TokenScope scope{"https://id.example.com", "engage-mesh"};
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock, scope);
  auto good = MintHs256(kSecret, Alice(), kNow, absl::Hours(1), scope);
  ASSERT_TRUE(v.Verify(*good).ok()) << v.Verify(*good).status();

  auto unscoped = MintHs256(kSecret, Alice(), kNow, absl::Hours(1));
  EXPECT_NE(v.Verify(*unscoped).status().message().find("wrong issuer"), std::string::npos);
  auto other_issuer = MintHs256(kSecret, Alice(), kNow, absl::Hours(1),
                                {"https://evil.example.com", "engage-mesh"});
  EXPECT_NE(v.Verify(*other_issuer).status().message().find("wrong issuer"), std::string::npos);
  auto other_audience =
      MintHs256(kSecret, Alice(), kNow, absl::Hours(1), {"https://id.example.com", "crm"});
  EXPECT_NE(v.Verify(*other_audience).status().message().find("not for this audience"),
            std::string::npos);
  // Without a scope configured, iss and aud are not looked at.
  JwtVerifier open(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  EXPECT_TRUE(open.Verify(*other_audience).ok());
}

TEST(JwtTest, AnAudienceArrayMustHoldTheAudience) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock, {"", "engage-mesh"});
  const std::string identity = R"("sub":"alice","tenant":"acme","role":"FIELD_USER")";
  EXPECT_TRUE(v.Verify(TokenWithClaims("{" + identity + R"(,"aud":["crm","engage-mesh"]})")).ok());
  for (const std::string aud :
       {R"(["crm","engage"])", R"(["engage-mesh-x"])", R"([])", R"(["engage"-mesh"])", R"(42)"}) {
    EXPECT_EQ(v.Verify(TokenWithClaims("{" + identity + ",\"aud\":" + aud + "}")).status().code(),
              absl::StatusCode::kUnauthenticated)
        << aud;
  }
}

TEST(JwtTest, UnknownRoleOrMissingTenantIsRefused) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  Identity no_tenant = Alice();
  no_tenant.tenant = "";
  EXPECT_FALSE(v.Verify(*MintHs256(kSecret, no_tenant, kNow, absl::Hours(1))).ok());
  Identity no_role = Alice();
  no_role.role = engage::common::v1::ROLE_UNSPECIFIED;
  EXPECT_FALSE(v.Verify(*MintHs256(kSecret, no_role, kNow, absl::Hours(1))).ok());
}

TEST(JwtTest, GarbageAndEmptyTokensAreRefused) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  EXPECT_EQ(v.Verify("").status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(v.Verify("a.b.c").status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(v.Verify(std::string(10000, 'x')).status().code(), absl::StatusCode::kUnauthenticated);
}

// Found by fuzzing: libjwt reads a C string, so bytes after a NUL went unchecked.
TEST(JwtTest, SEC13_BytesOutsideTheCompactFormAreRefused) {
  FakeClock clock(kNow);
  JwtVerifier v(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  const std::string token = *MintHs256(kSecret, Alice(), kNow, absl::Hours(1));
  ASSERT_TRUE(v.Verify(token).ok());
  EXPECT_EQ(v.Verify(token + std::string("\0x", 2)).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(v.Verify(token + " ").status().code(), absl::StatusCode::kUnauthenticated);
}

TEST(JwtTest, BearerHeaderParsing) {
  EXPECT_EQ(*BearerToken("Bearer abc"), "abc");
  EXPECT_FALSE(BearerToken("Basic abc").ok());
  EXPECT_FALSE(BearerToken("Bearer ").ok());
}

}  // namespace
}  // namespace engage::auth
