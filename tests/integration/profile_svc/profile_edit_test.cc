// Edits, deletes and merges of profiles against the real MariaDB (PRF-02..04,
// PRF-11..13).
#include <gtest/gtest.h>

#include "common/status/errors.h"
#include "profile_svc/rules/business_card.h"
#include "profile_svc/rules/edit_rules.h"
#include "tests/integration/profile_svc/profile_fixture.h"

namespace engage::profile {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;

class ProfileEditTest : public ProfileDbTest {
 protected:
  absl::Status Edit(const auth::Identity& caller, const std::string& profile_id, ProfileEdit edit) {
    if (edit.etag.empty())
      edit.etag = EtagOf(profiles_.GetCardSource(tenant_, profile_id)->version);
    return profiles_.UpdateProfile(
        tenant_, profile_id, edit,
        [&](const EditTarget& t) { return CheckEdit(caller, t, edit.paths); }, clock_.Now());
  }
  CardSource Card(const std::string& profile_id) {
    return *profiles_.GetCardSource(tenant_, profile_id);
  }
};

TEST_F(ProfileEditTest, PRF02_StaffCardIsComposedFromUserAndUserDetail) {
  auto sarah = NewStaff("sarah");
  ProfileEdit edit;
  edit.paths = {"title", "phone"};
  edit.fields.title = "Key Account Manager";
  edit.fields.phone = "+1 555 0100";
  ASSERT_TRUE(Edit({"sarah", ROLE_FIELD_USER, tenant_}, sarah.profile_id, edit).ok());
  BusinessCard card = ComposeCard(Card(sarah.profile_id));
  EXPECT_EQ(card.display_name, "Sarah Jones");
  EXPECT_EQ(card.fields.email, "sarah@acme.example");
  EXPECT_EQ(card.fields.title, "Key Account Manager");
  EXPECT_EQ(card.fields.phone, "+1 555 0100");
  EXPECT_EQ(card.fields.company_name, "Acme Pharma");
}

TEST_F(ProfileEditTest, PRF03_FieldUserChangingEmailIsRefusedAndNothingChanges) {
  auto sarah = NewStaff("sarah");
  const CardSource before = Card(sarah.profile_id);
  ProfileEdit edit;
  edit.paths = {"photo_url", "email"};
  edit.fields.photo_url = "https://img.example/new.png";
  edit.fields.email = "evil@x.example";
  absl::Status st = Edit({"sarah", ROLE_FIELD_USER, tenant_}, sarah.profile_id, edit);
  EXPECT_EQ(st.code(), absl::StatusCode::kPermissionDenied);
  const CardSource after = Card(sarah.profile_id);
  EXPECT_EQ(after.email, before.email);
  EXPECT_EQ(after.photo_url, before.photo_url);  // the allowed field did not change either
  EXPECT_EQ(after.version, before.version);
}

TEST_F(ProfileEditTest, PRF03_AdminTurnsOffTheEditPermissionThenTheUserIsRefused) {
  auto sarah = NewStaff("sarah");
  ProfileEdit off;
  off.paths = {"can_edit_details"};
  off.fields.can_edit_details = false;
  ASSERT_TRUE(Edit({"admin", ROLE_ADMIN, tenant_}, sarah.profile_id, off).ok());
  ProfileEdit photo;
  photo.paths = {"photo_url"};
  photo.fields.photo_url = "https://img.example/p.png";
  EXPECT_EQ(Edit({"sarah", ROLE_FIELD_USER, tenant_}, sarah.profile_id, photo).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(Edit({"admin", ROLE_ADMIN, tenant_}, sarah.profile_id, photo).ok());
  EXPECT_EQ(Card(sarah.profile_id).photo_url, "https://img.example/p.png");
}

TEST_F(ProfileEditTest, PRF04_HcpEditsOwnProfileAdminCannot) {
  const std::string house = NewHcp("house");
  ProfileEdit edit;
  edit.paths = {"title", "practice", "address", "degree"};
  edit.fields.title = "Head of Diagnostics";
  edit.fields.practice = "Princeton-Plainsboro";
  edit.fields.address = "1 Hospital Rd; DROP TABLE profiles;--";
  edit.fields.degree = "MD";
  EXPECT_EQ(Edit({"admin", ROLE_ADMIN, tenant_}, house, edit).code(),
            absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(Edit({"house", ROLE_HCP, tenant_}, house, edit).ok());
  const CardSource card = Card(house);
  EXPECT_EQ(card.practice, "Princeton-Plainsboro");
  EXPECT_EQ(card.address, "1 Hospital Rd; DROP TABLE profiles;--");
}

TEST_F(ProfileEditTest, PRF13_StaleEtagIsRefusedAndEveryWriteIsVisibleToTheNextRead) {
  auto sarah = NewStaff("sarah");
  const std::string etag = EtagOf(Card(sarah.profile_id).version);
  ProfileEdit first;
  first.paths = {"title"};
  first.fields.title = "One";
  first.etag = etag;
  ASSERT_TRUE(Edit({"sarah", ROLE_FIELD_USER, tenant_}, sarah.profile_id, first).ok());
  EXPECT_EQ(Card(sarah.profile_id).title, "One");  // read-your-write, no cache
  ProfileEdit second = first;
  second.fields.title = "Two";
  absl::Status st = Edit({"admin", ROLE_ADMIN, tenant_}, sarah.profile_id, second);
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(st), "ETAG_MISMATCH");
  EXPECT_EQ(Card(sarah.profile_id).title, "One");
}

TEST_F(ProfileEditTest, PRF11_DeletedHcpReadsDeletedUserAndIsInTheRemovalsFeed) {
  const std::string house = NewHcp("house");
  EXPECT_EQ(profiles_.DeleteHcpProfile(tenant_, house, "wilson", clock_.Now()).code(),
            absl::StatusCode::kPermissionDenied);
  clock_.Advance(absl::Hours(1));
  ASSERT_TRUE(profiles_.DeleteHcpProfile(tenant_, house, "house", clock_.Now()).ok());
  ASSERT_TRUE(profiles_.DeleteHcpProfile(tenant_, house, "house", clock_.Now()).ok());
  BusinessCard card = ComposeCard(Card(house));
  EXPECT_EQ(card.display_name, "Deleted User");
  EXPECT_TRUE(card.fields.deleted);
  EXPECT_EQ(card.fields.status_time, clock_.Now());
  // Cleared in storage too, not only in the composed card.
  auto rows =
      db_.pool().Query("SELECT email, first_name FROM hcp_details WHERE profile_id = ?", {house});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->front().String(0), "");
  auto removals = profiles_.ReadFeed(tenant_, Feed::kRemovals, 0, 10);
  ASSERT_TRUE(removals.ok());
  ASSERT_EQ(removals->size(), 1u);
  EXPECT_EQ(removals->front().profile_id, house);
}

TEST_F(ProfileEditTest, PRF12_MergedAwayProfileIsTreatedAsDeletedWinnerKeepsItsData) {
  const std::string loser = NewHcp("old-house");
  const std::string winner = NewHcp("house");
  ASSERT_TRUE(profiles_.MergeProfiles(tenant_, loser, winner, clock_.Now()).ok());
  BusinessCard gone = ComposeCard(Card(loser));
  EXPECT_EQ(gone.display_name, "Deleted User");
  EXPECT_TRUE(gone.fields.email.empty());
  EXPECT_EQ(Card(winner).email, "house@hcp.example");
  auto removals = profiles_.ReadFeed(tenant_, Feed::kRemovals, 0, 10);
  ASSERT_EQ(removals->size(), 1u);
  EXPECT_EQ(removals->front().merged_into, winner);
  EXPECT_EQ(profiles_.MergeProfiles(tenant_, loser, winner, clock_.Now()).code(),
            absl::StatusCode::kFailedPrecondition);
}

// The e-mail queued for connection_svc's erasure of `profile_id` (PRF-11).
std::string ErasureEmailOf(mysql::Pool& pool, const std::string& profile_id) {
  auto rows = pool.Query("SELECT email FROM profile_erasures WHERE profile_id = ?", {profile_id});
  EXPECT_TRUE(rows.ok() && rows->size() == 1u) << "no erasure queued for " << profile_id;
  return rows.ok() && !rows->empty() ? rows->front().String(0) : "<none>";
}

TEST_F(ProfileEditTest, SEC07_DeletionErasesByTheVerifiedEmailNeverTheEditedContactOne) {
  const std::string mal = NewHcp("mal", "mal@evil.example");
  ProfileEdit edit;
  edit.paths = {"email"};
  edit.fields.email = "victim@clinic.example";  // PRF-04: the HCP's contact e-mail, unverified
  ASSERT_TRUE(Edit({"mal", ROLE_HCP, tenant_}, mal, edit).ok());
  EXPECT_EQ(Card(mal).email, "victim@clinic.example");
  ASSERT_TRUE(profiles_.DeleteHcpProfile(tenant_, mal, "mal", clock_.Now()).ok());
  EXPECT_EQ(ErasureEmailOf(db_.pool(), mal), "mal@evil.example");
  auto rows =
      db_.pool().Query("SELECT verified_email FROM hcp_details WHERE profile_id = ?", {mal});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->front().String(0), "");  // cleared with every other field
}

TEST_F(ProfileEditTest, PRF12_MergeKeepsWhatIsHeldForTheSurvivorsVerifiedEmail) {
  const std::string loser = NewHcp("w.hcp", "same@clinic.example");
  const std::string winner = NewHcp("l.hcp", "same@clinic.example");
  const std::string other = NewHcp("other", "other@clinic.example");
  ASSERT_TRUE(profiles_.MergeProfiles(tenant_, loser, winner, clock_.Now()).ok());
  // The address is the survivor's too: connection_svc erases by profile id only.
  EXPECT_EQ(ErasureEmailOf(db_.pool(), loser), "");
  // Once no live profile holds it, a deletion erases by it again.
  ASSERT_TRUE(profiles_.DeleteHcpProfile(tenant_, winner, "l.hcp", clock_.Now()).ok());
  EXPECT_EQ(ErasureEmailOf(db_.pool(), winner), "same@clinic.example");
  ASSERT_TRUE(profiles_.DeleteHcpProfile(tenant_, other, "other", clock_.Now()).ok());
  EXPECT_EQ(ErasureEmailOf(db_.pool(), other), "other@clinic.example");
}

}  // namespace
}  // namespace engage::profile
