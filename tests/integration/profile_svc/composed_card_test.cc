// PRF-13: the composed card (business_cards) follows every kind of write in
// the write's own transaction: after each write the writer reads the new card,
// and no composed row of the tenant differs from what the card join gives.
#include <gtest/gtest.h>

#include <thread>

#include "profile_svc/mysql_business_cards.h"
#include "profile_svc/mysql_company_store.h"
#include "profile_svc/mysql_group_store.h"
#include "profile_svc/mysql_user_store.h"
#include "profile_svc/rules/business_card.h"
#include "profile_svc/rules/company_rules.h"
#include "profile_svc/rules/edit_rules.h"
#include "profile_svc/rules/user_rules.h"
#include "tests/integration/profile_svc/profile_fixture.h"

namespace engage::profile {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_HCP;

class ComposedCardTest : public ProfileDbTest {
 protected:
  ComposedCardTest() : company_(db_.pool()), groups_(db_.pool()), users_(db_.pool()) {}

  CardSource Card(const std::string& profile_id) {
    auto card = profiles_.GetCardSource(tenant_, profile_id);
    EXPECT_TRUE(card.ok()) << card.status();
    return card.ok() ? *card : CardSource{};
  }
  // No composed card of the tenant differs from the join (the test fails
  // for the write path that forgot to recompose).
  void ExpectNoStaleCard(const std::string& after) {
    auto stale = StaleComposedCards(db_.pool(), tenant_);
    ASSERT_TRUE(stale.ok()) << stale.status();
    EXPECT_TRUE(stale->empty()) << "PRF-13: after " << after
                                << ", stale composed cards: " << stale->size() << ", first "
                                << stale->front();
  }
  absl::Status Edit(const auth::Identity& caller, const std::string& profile_id, ProfileEdit edit) {
    edit.etag = EtagOf(Card(profile_id).version);
    return profiles_.UpdateProfile(
        tenant_, profile_id, edit,
        [&](const EditTarget& t) { return CheckEdit(caller, t, edit.paths); }, clock_.Now());
  }
  absl::Status Brand(const BrandingData& b, const std::vector<std::string>& paths) {
    return company_.UpdateBranding(tenant_, b, paths, clock_.Now()).status();
  }
  const auth::Identity admin_{"admin", ROLE_ADMIN, "acme"};

  MysqlCompanyStore company_;
  MysqlGroupStore groups_;
  MysqlUserStore users_;
};

TEST_F(ComposedCardTest, PRF13_TheComposedCardFollowsEveryKindOfWrite) {
  auto sarah = NewStaff("sarah");
  auto tom = NewStaff("tom");
  const std::string hcp = NewHcp("greg");
  const std::string other = NewHcp("lisa");
  ExpectNoStaleCard("create and sign-up");
  EXPECT_EQ(Card(sarah.profile_id).company_name, "Acme Pharma");
  EXPECT_EQ(Card(hcp).first_name, "Greg");

  // The company's name and branding: every staff card of the tenant.
  ASSERT_TRUE(profiles_.UpsertCompany(tenant_, "Acme Pharma Inc", clock_.Now()).ok());
  EXPECT_EQ(Card(tom.profile_id).company_name, "Acme Pharma Inc");
  ExpectNoStaleCard("company rename");
  ASSERT_TRUE(Brand({"112233", "445566", "Acme", {"Cholecap"}},
                    {"primary_color", "secondary_color", "company_name", "default_medications"})
                  .ok());
  EXPECT_EQ(Card(sarah.profile_id).primary_color, "112233");
  EXPECT_EQ(Card(tom.profile_id).company_name, "Acme");
  EXPECT_EQ(Card(tom.profile_id).medications, std::vector<std::string>{"Cholecap"});
  ExpectNoStaleCard("branding");
  ASSERT_TRUE(company_
                  .UpdateCategorySettings(
                      tenant_, {CategorySettings::SyncMode::kInteract, true, false}, clock_.Now())
                  .ok());
  ExpectNoStaleCard("category settings");

  // A profile edit: the user's and their details' fields, an HCP's own.
  ProfileEdit staff_edit;
  staff_edit.paths = {"first_name", "title", "phone"};
  staff_edit.fields.first_name = "Sara";
  staff_edit.fields.title = "Key Account Manager";
  staff_edit.fields.phone = "+1 555 0100";
  ASSERT_TRUE(Edit(admin_, sarah.profile_id, staff_edit).ok());
  EXPECT_EQ(Card(sarah.profile_id).first_name, "Sara");
  EXPECT_EQ(Card(sarah.profile_id).title, "Key Account Manager");
  ProfileEdit hcp_edit;
  hcp_edit.paths = {"practice", "address", "degree"};
  hcp_edit.fields.practice = "Princeton-Plainsboro";
  hcp_edit.fields.address = "1 Hospital Road";
  hcp_edit.fields.degree = "MD";
  ASSERT_TRUE(Edit({"greg", ROLE_HCP, "acme"}, hcp, hcp_edit).ok());
  EXPECT_EQ(Card(hcp).practice, "Princeton-Plainsboro");
  ExpectNoStaleCard("profile edits");

  // Group medications and membership.
  auto west = groups_.CreateGroup(tenant_, {"req-west", "fp"}, {ids_.Next(), "West", {"Restolar"}},
                                  true, clock_.Now());
  ASSERT_TRUE(west.ok()) << west.status();
  ASSERT_TRUE(
      groups_.AddGroupMember(tenant_, west->group_id, sarah.user_id, CheckGroupMember, clock_.Now())
          .ok());
  EXPECT_EQ(Card(sarah.profile_id).medications, std::vector<std::string>{"Restolar"});
  ExpectNoStaleCard("joining a group");
  GroupChange change;
  change.medications = std::vector<std::string>{"Restolar", "Zypex"};
  ASSERT_TRUE(groups_.UpdateGroup(tenant_, west->group_id, change, clock_.Now()).ok());
  EXPECT_EQ(Card(sarah.profile_id).medications, (std::vector<std::string>{"Restolar", "Zypex"}));
  ExpectNoStaleCard("group medications");
  ASSERT_TRUE(groups_.RemoveGroupMember(tenant_, sarah.user_id, clock_.Now()).ok());
  EXPECT_EQ(Card(sarah.profile_id).medications, std::vector<std::string>{"Cholecap"});
  ExpectNoStaleCard("leaving a group");
  ASSERT_TRUE(
      groups_.AddGroupMember(tenant_, west->group_id, tom.user_id, CheckGroupMember, clock_.Now())
          .ok());
  ASSERT_TRUE(groups_.DeleteGroup(tenant_, west->group_id, clock_.Now()).ok());
  EXPECT_EQ(Card(tom.profile_id).medications, std::vector<std::string>{"Cholecap"});
  ExpectNoStaleCard("a group's deletion");

  // Writes that move only the profile's update time (the card shows it).
  NewOrg("00D000000000001AAA");
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(accounts_.LinkProfile(tenant_, hcp, "00D000000000001AAA", "ACC1", clock_.Now()).ok());
  EXPECT_EQ(Card(hcp).update_time, clock_.Now());
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(accounts_.UnlinkProfile(tenant_, hcp, "00D000000000001AAA", clock_.Now()).ok());
  EXPECT_EQ(Card(hcp).update_time, clock_.Now());
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(users_
                  .MoveUser(
                      tenant_, tom.user_id, "00D000000000001AAA",
                      [](const UserRecord&) { return absl::OkStatus(); }, clock_.Now())
                  .ok());
  EXPECT_EQ(Card(tom.profile_id).update_time, clock_.Now());
  ExpectNoStaleCard("account links and a move");

  // Erasure (PRF-11) and merge (PRF-12).
  ASSERT_TRUE(profiles_.DeleteHcpProfile(tenant_, hcp, "greg", clock_.Now()).ok());
  EXPECT_TRUE(Card(hcp).deleted);
  EXPECT_EQ(Card(hcp).practice, "");
  EXPECT_EQ(Card(hcp).email, "");
  ExpectNoStaleCard("an erasure");
  const std::string twin = NewHcp("lisa2");
  ASSERT_TRUE(profiles_.MergeProfiles(tenant_, twin, other, clock_.Now()).ok());
  EXPECT_TRUE(Card(twin).deleted);
  EXPECT_EQ(Card(twin).first_name, "");
  ExpectNoStaleCard("a merge");
}

TEST_F(ComposedCardTest, PRF13_AWriteThatSkipsTheCardIsFound) {
  // The check above can fail: a source row changed behind the stores' back.
  auto sarah = NewStaff("sarah");
  ExpectNoStaleCard("create");
  ASSERT_TRUE(
      db_.pool()
          .Execute("UPDATE users SET first_name = 'Mallory' WHERE user_id = ?", {sarah.user_id})
          .ok());
  auto stale = StaleComposedCards(db_.pool(), tenant_);
  ASSERT_TRUE(stale.ok()) << stale.status();
  EXPECT_EQ(*stale, std::vector<std::string>{sarah.profile_id});
  EXPECT_EQ(Card(sarah.profile_id).first_name, "Sarah");  // reads are the composed row
}

TEST_F(ComposedCardTest, PRF13_ConcurrentWritesOfOneCardComposeBoth) {
  // A branding change (all staff cards) and edits of one staff card at once:
  // each composes under locks, so the last to commit composes both.
  auto sarah = NewStaff("sarah");
  absl::Status branded;
  std::thread branding([&] {
    for (int i = 0; i < 30 && branded.ok(); ++i) {
      branded = Brand({absl::StrCat(100000 + i), "", "", {}}, {"primary_color"});
    }
  });
  for (int i = 0; i < 30; ++i) {
    ProfileEdit edit;
    edit.paths = {"title"};
    edit.fields.title = absl::StrCat("Title ", i);
    absl::Status st = Edit(admin_, sarah.profile_id, edit);
    if (absl::IsFailedPrecondition(st)) continue;  // an etag raced: fine here
    ASSERT_TRUE(st.ok()) << st;
    EXPECT_EQ(Card(sarah.profile_id).title, edit.fields.title);  // read-your-write
  }
  branding.join();
  EXPECT_TRUE(branded.ok()) << branded;
  EXPECT_EQ(Card(sarah.profile_id).primary_color, "100029");
  ExpectNoStaleCard("concurrent branding and edits");
}

}  // namespace
}  // namespace engage::profile
