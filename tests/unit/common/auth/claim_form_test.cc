// SEC-13: a token's tenant and subject follow a strict form before any use.
#include "common/auth/claim_form.h"

#include <gtest/gtest.h>

#include "common/auth/jwt.h"

namespace engage::auth {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_SERVICE;

constexpr char kSecret[] = "unit-test-secret-0123456789abcdef0123456789";
const absl::Time kNow = absl::FromUnixSeconds(1800000000);

bool Accepted(const Identity& id) { return CheckClaimForm(id).ok(); }

TEST(SEC13_ClaimForm, OrdinaryTenantsAndSubjectsPass) {
  EXPECT_TRUE(Accepted({"alice.adams", ROLE_ADMIN, "verteo"}));
  EXPECT_TRUE(Accepted({"auth0|5f7c1e", ROLE_HCP, "acme-pharma_2"}));
  EXPECT_TRUE(Accepted({"Dr.Wilson@idp", ROLE_HCP, "t1"}));
  EXPECT_TRUE(Accepted({"connection", ROLE_SERVICE, "*"}));
}

TEST(SEC13_ClaimForm, AnotherSpellingOfATenantIsRefused) {
  for (const char* tenant : {"verteo ", " verteo", "Verteo", "VERTEO", "verteo\n", "ver teo",
                             "verteo\t", "-verteo", "", "verteo/x", "vertéo"}) {
    EXPECT_FALSE(Accepted({"alice", ROLE_ADMIN, tenant})) << "tenant '" << tenant << "'";
  }
  EXPECT_FALSE(Accepted({"alice", ROLE_ADMIN, std::string(65, 'a')}));
  EXPECT_TRUE(Accepted({"alice", ROLE_ADMIN, std::string(64, 'a')}));
}

TEST(SEC13_ClaimForm, AnyTenantIsForServiceTokensOnly) {
  EXPECT_FALSE(Accepted({"alice", ROLE_ADMIN, "*"}));
  EXPECT_FALSE(Accepted({"wilson", ROLE_HCP, "*"}));
}

TEST(SEC13_ClaimForm, SubjectsWithSpacesOrControlCharactersAreRefused) {
  for (const char* subject : {"alice ", " alice", "al ice", "alice\n", "", ".alice", "alice\x01"}) {
    EXPECT_FALSE(Accepted({subject, ROLE_ADMIN, "verteo"})) << "subject '" << subject << "'";
  }
  EXPECT_FALSE(Accepted({std::string(129, 'a'), ROLE_ADMIN, "verteo"}));
}

TEST(SEC13_ClaimForm, AnEmailClaimMustLookLikeOne) {
  EXPECT_TRUE(Accepted({"wilson", ROLE_HCP, "verteo", "w@clinic.example", true}));
  EXPECT_FALSE(Accepted({"wilson", ROLE_HCP, "verteo", "w @clinic.example", true}));
  EXPECT_FALSE(Accepted({"wilson", ROLE_HCP, "verteo", "no-at-sign", true}));
  EXPECT_FALSE(Accepted({"wilson", ROLE_HCP, "verteo", "a@b@c", true}));
}

TEST(SEC13_ClaimForm, TheVerifierRefusesATokenOfAnotherSpellingBeforeAnyUse) {
  FakeClock clock(kNow);
  JwtVerifier verifier(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  auto token = MintHs256(kSecret, {"alice", ROLE_ADMIN, "verteo "}, kNow, absl::Hours(1));
  ASSERT_TRUE(token.ok());
  auto id = verifier.Verify(*token);
  EXPECT_EQ(id.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_NE(id.status().message().find("tenant"), std::string::npos) << id.status();
}

TEST(SEC07_EmailClaims, TheVerifierKeepsTheEmailAndWhetherItWasVerified) {
  FakeClock clock(kNow);
  JwtVerifier verifier(JwtVerifier::Algorithm::kHs256, kSecret, clock);
  auto verified =
      MintHs256(kSecret, {"wilson", ROLE_HCP, "verteo", "W.Wilson@Clinic.example", true}, kNow,
                absl::Hours(1));
  auto id = verifier.Verify(*verified);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->email, "w.wilson@clinic.example");  // compared case-insensitively
  EXPECT_EQ(id->VerifiedEmail(), "w.wilson@clinic.example");

  auto unverified = MintHs256(kSecret, {"wilson", ROLE_HCP, "verteo", "w@clinic.example", false},
                              kNow, absl::Hours(1));
  id = verifier.Verify(*unverified);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_FALSE(id->email_verified);
  EXPECT_EQ(id->VerifiedEmail(), "");

  auto none = MintHs256(kSecret, {"wilson", ROLE_HCP, "verteo"}, kNow, absl::Hours(1));
  id = verifier.Verify(*none);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->VerifiedEmail(), "");
}

}  // namespace
}  // namespace engage::auth
