// SEC-03 (card visibility), SEC-04 (who reaches category answers), SEC-07
// (sign-up e-mail from the token), SEC-12 (which reads are contact reads):
// the pure rule functions profile_svc's handlers apply.
#include <gtest/gtest.h>

#include "profile_svc/rules/answers_access.h"
#include "profile_svc/rules/business_card.h"
#include "profile_svc/rules/card_visibility.h"
#include "profile_svc/rules/sign_up_rules.h"

namespace engage::profile {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;
using engage::common::v1::ROLE_SERVICE;

const auth::Identity kAdmin{"admin", ROLE_ADMIN, "t"};
const auth::Identity kSarah{"sarah", ROLE_FIELD_USER, "t"};
const auth::Identity kHouse{"house", ROLE_HCP, "t"};
const auth::Identity kWilson{"wilson", ROLE_HCP, "t"};
const CardFacts kHouseCard{ProfileKind::kHcp, "house"};
const CardFacts kSarahCard{ProfileKind::kStaff, "sarah"};

CardSource HouseSource() {
  CardSource s;
  s.profile_id = "01HOUSE";
  s.kind = ProfileKind::kHcp;
  s.owner_subject = "house";
  s.first_name = "Greg";
  s.last_name = "House";
  s.display_name = "Dr. House";
  s.title = "Head of Diagnostics";
  s.degree = "MD";
  s.photo_url = "https://img.example/house.png";
  s.email = "house@clinic.example";
  s.phone = "+1 555 0100";
  s.address = "Princeton-Plainsboro";
  s.practice = "Diagnostics";
  s.country = "US";
  return s;
}

TEST(SEC03_CardVisibility, StaffCardIsSeenInFullByEveryoneOfTheTenant) {
  for (const auto& caller : {kAdmin, kSarah, kHouse, kWilson}) {
    EXPECT_EQ(CardVisibility(caller, kSarahCard, false), CardView::kFull) << caller.subject;
  }
  EXPECT_FALSE(NeedsConnection(kSarah, kSarahCard));
}

TEST(SEC03_CardVisibility, HcpCardInFullToThatHcpAdminsAndConnectedFieldUsers) {
  EXPECT_EQ(CardVisibility(kHouse, kHouseCard, false), CardView::kFull);
  EXPECT_EQ(CardVisibility(kAdmin, kHouseCard, false), CardView::kFull);
  EXPECT_EQ(CardVisibility(kSarah, kHouseCard, true), CardView::kFull);
  EXPECT_TRUE(NeedsConnection(kSarah, kHouseCard));
  EXPECT_FALSE(NeedsConnection(kAdmin, kHouseCard));
  EXPECT_FALSE(NeedsConnection(kHouse, kHouseCard));
}

TEST(SEC03_CardVisibility, UnconnectedFieldUserSeesOnlyThePublicPart) {
  EXPECT_EQ(CardVisibility(kSarah, kHouseCard, false), CardView::kPublic);
  BusinessCard card = ComposeCard(HouseSource());
  ApplyCardView(CardView::kPublic, card);
  EXPECT_EQ(card.fields.first_name, "Greg");
  EXPECT_EQ(card.fields.last_name, "House");
  EXPECT_EQ(card.display_name, "Dr. House");
  EXPECT_EQ(card.fields.title, "Head of Diagnostics");
  EXPECT_EQ(card.fields.degree, "MD");
  EXPECT_EQ(card.fields.photo_url, "https://img.example/house.png");
  EXPECT_TRUE(card.fields.email.empty());
  EXPECT_TRUE(card.fields.phone.empty());
  EXPECT_TRUE(card.fields.address.empty());
  EXPECT_TRUE(card.fields.practice.empty());
  EXPECT_TRUE(card.fields.country.empty());
}

TEST(SEC03_CardVisibility, FullViewKeepsEveryField) {
  BusinessCard card = ComposeCard(HouseSource());
  ApplyCardView(CardView::kFull, card);
  EXPECT_EQ(card.fields.email, "house@clinic.example");
  EXPECT_EQ(card.fields.phone, "+1 555 0100");
  EXPECT_EQ(card.fields.practice, "Diagnostics");
}

TEST(SEC03_CardVisibility, AnotherHcpSeesNoneOfAnHcpCardAsNotFound) {
  EXPECT_EQ(CardVisibility(kWilson, kHouseCard, false), CardView::kNone);
  // A connection (there is none between HCPs) would not change it.
  EXPECT_EQ(CardVisibility(kWilson, kHouseCard, true), CardView::kNone);
  // Roles with no business reading cards see none either.
  EXPECT_EQ(CardVisibility({"crm", ROLE_INTEGRATION, "t"}, kHouseCard, true), CardView::kNone);
  EXPECT_EQ(CardVisibility({"svc", ROLE_SERVICE, "t"}, kHouseCard, true), CardView::kNone);
  // Hidden and missing read the same, so existence is not revealed.
  absl::Status hidden = CardNotFound("01HOUSE");
  EXPECT_TRUE(absl::IsNotFound(hidden));
  EXPECT_NE(hidden.message().find("SEC-03"), std::string::npos);
}

TEST(SEC12_ContactReads, FullHcpCardToAnyoneButTheHcpIsAContactRead) {
  EXPECT_TRUE(ReadsContactData(kAdmin, kHouseCard, CardView::kFull, false));
  EXPECT_TRUE(ReadsContactData(kSarah, kHouseCard, CardView::kFull, false));
  EXPECT_FALSE(ReadsContactData(kHouse, kHouseCard, CardView::kFull, false));
  EXPECT_FALSE(ReadsContactData(kSarah, kHouseCard, CardView::kPublic, false));
  EXPECT_FALSE(ReadsContactData(kAdmin, kSarahCard, CardView::kFull, false));
  // A deleted card holds no contact data (PRF-11).
  EXPECT_FALSE(ReadsContactData(kAdmin, kHouseCard, CardView::kFull, true));
}

TEST(SEC04_Answers, OnlyThatHcpAndAdminsReachAnswers) {
  EXPECT_TRUE(CheckAnswersAccess(kHouse, "01HOUSE", "house").ok());
  EXPECT_TRUE(CheckAnswersAccess(kAdmin, "01HOUSE", "house").ok());
}

TEST(SEC04_Answers, AnotherHcpGetsNotFoundLikeAMissingProfile) {
  absl::Status st = CheckAnswersAccess(kWilson, "01HOUSE", "house");
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
  EXPECT_EQ(st.message(), AnswersNotFound("01HOUSE").message());
  EXPECT_NE(st.message().find("SEC-04"), std::string::npos);
}

TEST(SEC04_Answers, FieldUserIsPermissionDeniedNamingTheRule) {
  absl::Status st = CheckAnswersAccess(kSarah, "01HOUSE", "house");
  EXPECT_TRUE(absl::IsPermissionDenied(st)) << st;
  EXPECT_NE(st.message().find("SEC-04"), std::string::npos);
  EXPECT_TRUE(absl::IsPermissionDenied(
      CheckAnswersAccess({"crm", ROLE_INTEGRATION, "t"}, "01HOUSE", "house")));
}

TEST(SEC07_SignUpEmail, TheVerifiedEmailOfTheTokenIsTheHcpsEmail) {
  auth::Identity verified("house", ROLE_HCP, "t", "house@clinic.example", true);
  auto email = SignUpEmail(verified);
  ASSERT_TRUE(email.ok()) << email.status();
  EXPECT_EQ(*email, "house@clinic.example");
}

TEST(SEC07_SignUpEmail, UnverifiedOrMissingEmailIsRefusedNamingTheRule) {
  for (const auto& caller : {auth::Identity("house", ROLE_HCP, "t", "house@clinic.example", false),
                             auth::Identity("house", ROLE_HCP, "t")}) {
    auto email = SignUpEmail(caller);
    ASSERT_FALSE(email.ok());
    EXPECT_TRUE(absl::IsFailedPrecondition(email.status())) << email.status();
    EXPECT_NE(email.status().message().find("SEC-07"), std::string::npos);
  }
}

}  // namespace
}  // namespace engage::profile
