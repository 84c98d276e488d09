// What SEC-03 needs from the profile store: the owner of each card, staff
// cards only for an HCP's list (filtered in SQL, so pages stay full), and the
// caller's own profile id for the connection question.
#include <algorithm>

#include "tests/integration/profile_svc/profile_fixture.h"

namespace engage::profile {
namespace {

TEST_F(ProfileDbTest, SEC03_CardsCarryTheirOwnerAndHcpListsHoldStaffCardsOnly) {
  const std::string house = NewHcp("house");
  const CreatedUser sarah = NewStaff("sarah");
  const std::string wilson = NewHcp("wilson");
  const CreatedUser mark = NewStaff("mark");
  auto card = profiles_.GetCardSource(tenant_, house);
  ASSERT_TRUE(card.ok()) << card.status();
  EXPECT_EQ(card->owner_subject, "house");

  auto all = profiles_.ListCardSources(tenant_, "", 10, /*staff_only=*/false);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 4u);
  // One card a page still walks every staff card and no HCP card.
  std::vector<std::string> staff;
  std::string after;
  for (;;) {
    auto page = profiles_.ListCardSources(tenant_, after, 1, /*staff_only=*/true);
    ASSERT_TRUE(page.ok()) << page.status();
    if (page->empty()) break;
    EXPECT_EQ(page->front().kind, ProfileKind::kStaff);
    staff.push_back(page->front().profile_id);
    after = page->front().profile_id;
  }
  std::vector<std::string> expected = {sarah.profile_id, mark.profile_id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(staff, expected);
  (void)wilson;
}

TEST_F(ProfileDbTest, SEC03_TheCallersProfileIsFoundBySubjectExactly) {
  const CreatedUser sarah = NewStaff("sarah");
  auto found = profiles_.ProfileIdOfSubject(tenant_, "sarah");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(*found, sarah.profile_id);
  EXPECT_TRUE(absl::IsNotFound(profiles_.ProfileIdOfSubject(tenant_, "sarah ").status()));
  EXPECT_TRUE(absl::IsNotFound(profiles_.ProfileIdOfSubject("other", "sarah").status()));
}

TEST_F(ProfileDbTest, SEC03_AProfileIdIsKeptOnlyOnceFound) {
  // The store keeps found ids (a subject's profile never changes); a subject
  // with no profile yet is asked again, and finds the profile made since.
  EXPECT_TRUE(absl::IsNotFound(profiles_.ProfileIdOfSubject(tenant_, "greg").status()));
  const std::string greg = NewHcp("greg");
  auto found = profiles_.ProfileIdOfSubject(tenant_, "greg");
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(*found, greg);
  ASSERT_TRUE(profiles_.DeleteHcpProfile(tenant_, greg, "greg", clock_.Now()).ok());
  EXPECT_EQ(*profiles_.ProfileIdOfSubject(tenant_, "greg"), greg);  // the tombstone keeps it
  EXPECT_TRUE(absl::IsNotFound(profiles_.ProfileIdOfSubject("other", "greg").status()));
}

}  // namespace
}  // namespace engage::profile
