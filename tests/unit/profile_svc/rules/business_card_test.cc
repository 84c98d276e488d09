#include "profile_svc/rules/business_card.h"

#include <gtest/gtest.h>

namespace engage::profile {
namespace {

// Sarah, a field user of Acme, as the store reads her card.
CardRow SarahRow() {
  CardRow row;
  row.profile_id = "sarah";
  row.kind = ProfileKind::kStaff;
  row.owner_subject = "sarah-sub";
  row.version = 3;
  row.user_first_name = "Sarah";
  row.user_last_name = "Jones";
  row.user_email = "sarah@acme.example";
  row.user_country = "GB";
  row.detail_display_name = "Dr. Sarah";
  row.detail_title = "Rep";
  row.detail_phone = "+44 20 1234";
  row.detail_photo_url = "https://example.com/s.png";
  row.hcp_first_name = "not";  // never read for a staff card
  row.company_name = "Acme Ltd";
  row.company_primary_color = "112233";
  row.company_secondary_color = "445566";
  row.company_medications = {"Aspirin"};
  row.group_medications = {"Zyrtec", "Claritin"};
  return row;
}

TEST(PRF02_CardOfAFieldUser, UserAndUserDetailFields) {
  const CardSource c = CardSourceOf(SarahRow());
  EXPECT_EQ(c.profile_id, "sarah");
  EXPECT_EQ(c.owner_subject, "sarah-sub");
  EXPECT_EQ(c.version, 3);
  EXPECT_EQ(c.first_name, "Sarah");
  EXPECT_EQ(c.last_name, "Jones");
  EXPECT_EQ(c.email, "sarah@acme.example");
  EXPECT_EQ(c.country, "GB");
  EXPECT_EQ(c.display_name, "Dr. Sarah");
  EXPECT_EQ(c.title, "Rep");
  EXPECT_EQ(c.phone, "+44 20 1234");
  EXPECT_EQ(c.photo_url, "https://example.com/s.png");
  EXPECT_EQ(c.degree, "");
}

TEST(PRF05_CardBranding, CompanyColoursAndNameOutsideAGroup) {
  CardRow row = SarahRow();
  const CardSource c = CardSourceOf(row);
  EXPECT_EQ(c.primary_color, "112233");
  EXPECT_EQ(c.secondary_color, "445566");
  EXPECT_EQ(c.company_name, "Acme Ltd");
  row.display_company_name = "Acme";
  EXPECT_EQ(CardSourceOf(row).company_name, "Acme");
}

TEST(PRF06_CardBranding, AGroupMemberShowsTheCompanyColoursAsTheyAreNow) {
  CardRow row = SarahRow();
  row.in_group = true;
  EXPECT_EQ(CardSourceOf(row).primary_color, "112233");
  EXPECT_EQ(CardSourceOf(row).secondary_color, "445566");
  row.company_primary_color = "ABCDEF";  // a rebrand
  row.company_secondary_color = "";
  EXPECT_EQ(CardSourceOf(row).primary_color, "ABCDEF");
  EXPECT_EQ(CardSourceOf(row).secondary_color, "");
}

TEST(PRF07_CardMedications, GroupMedicationsElseTheCompanyDefaults) {
  CardRow row = SarahRow();
  EXPECT_EQ(CardSourceOf(row).medications, (std::vector<std::string>{"Aspirin"}));
  row.in_group = true;
  EXPECT_EQ(CardSourceOf(row).medications, (std::vector<std::string>{"Zyrtec", "Claritin"}));
  row.group_medications.clear();  // a group with none shows none
  EXPECT_TRUE(CardSourceOf(row).medications.empty());
}

TEST(PRF02_CardOfAnHcp, TheHcpsOwnFieldsAndNoBranding) {
  CardRow row = SarahRow();
  row.kind = ProfileKind::kHcp;
  row.hcp_first_name = "Gregory";
  row.hcp_last_name = "House";
  row.hcp_email = "house@example.com";
  row.hcp_degree = "MD";
  row.hcp_practice = "Diagnostics";
  row.hcp_address = "Princeton";
  const CardSource c = CardSourceOf(row);
  EXPECT_EQ(c.first_name, "Gregory");
  EXPECT_EQ(c.last_name, "House");
  EXPECT_EQ(c.email, "house@example.com");
  EXPECT_EQ(c.display_name, "");
  EXPECT_EQ(c.degree, "MD");
  EXPECT_EQ(c.practice, "Diagnostics");
  EXPECT_EQ(c.address, "Princeton");
  EXPECT_EQ(c.company_name, "");
  EXPECT_EQ(c.primary_color, "");
  EXPECT_TRUE(c.medications.empty());
}

TEST(PRF02_DisplayName, OneFallbackForCardsAndCrmRecords) {
  EXPECT_EQ(DisplayName("", "Sarah", "Jones"), "Sarah Jones");
  EXPECT_EQ(DisplayName("Dr. Sarah", "Sarah", "Jones"), "Dr. Sarah");
}

}  // namespace
}  // namespace engage::profile
