#include "profile_svc/crm_sync/rules/sync_plan.h"

#include <gtest/gtest.h>

#include <map>

namespace engage::profile::sync {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1800000000);
const absl::Time kEdited = kNow - absl::Hours(2);

// Sarah is a CRM user of the org, Tom a CRM user of another org of the company.
OrgStaff Staff() {
  OrgStaff staff;
  staff.of_org = {{"sarah", "user-sarah"}};
  staff.of_company = {"sarah", "tom"};
  return staff;
}

MirroredConnection Connection(const std::string& id, const std::string& field_user,
                              const std::string& hcp, bool active) {
  MirroredConnection c;
  c.connection_id = id;
  c.field_user_profile_id = field_user;
  c.hcp_profile_id = hcp;
  c.active = active;
  c.changed_sequence = 7;
  return c;
}

SyncProfile House() {
  SyncProfile p;
  p.profile_id = "house";
  p.kind = ProfileKind::kHcp;
  p.status_time = kNow - absl::Hours(30);
  p.update_time = kEdited;
  p.create_time = kNow - absl::Hours(40);
  p.first_name = "Gregory";
  p.last_name = "House";
  p.title = "Head of Diagnostics";
  p.degree = "MD";
  p.photo_url = "https://example.com/house.png";
  p.signup_time = kNow - absl::Hours(40);
  return p;
}

std::map<std::string, Ties> TiesOf(const std::vector<MirroredConnection>& connections) {
  std::map<std::string, Ties> ties;
  for (const auto& c : connections) Tie(ties, c, Staff());
  return ties;
}

std::string NoMerge(const std::string& account) { return account; }

TEST(SYN03_SyncedProfiles, ConnectedToACrmUserOfTheOrg) {
  auto ties = TiesOf({Connection("c1", "sarah", "house", true)});
  EXPECT_TRUE(ties["house"].active_to_org);
  EXPECT_TRUE(ties["sarah"].active_to_org);
  EXPECT_TRUE(ProfileWriteFor(House(), ties["house"], false, NoMerge, kNow).has_value());
}

TEST(SYN03_SyncedProfiles, LinkedToAnAccountAndConnectedAnywhereInTheCompany) {
  auto ties = TiesOf({Connection("c1", "tom", "house", true)});
  EXPECT_FALSE(ties["house"].active_to_org);
  EXPECT_TRUE(ties["house"].active_to_company);
  EXPECT_FALSE(ProfileWriteFor(House(), ties["house"], false, NoMerge, kNow).has_value());
  SyncProfile linked = House();
  linked.linked_account = "acct-1";
  EXPECT_TRUE(ProfileWriteFor(linked, ties["house"], false, NoMerge, kNow).has_value());
}

TEST(SYN03_SyncedProfiles, NotConnectedNorLinkedIsNotSynced) {
  EXPECT_FALSE(ProfileWriteFor(House(), Ties{}, false, NoMerge, kNow).has_value());
  SyncProfile linked = House();
  linked.linked_account = "acct-1";  // linked, but connected to no CRM user
  EXPECT_FALSE(ProfileWriteFor(linked, Ties{}, false, NoMerge, kNow).has_value());
}

TEST(SYN03_SyncedProfiles, OnceConnectedToTheOrgStaysCurrentAfterADisconnect) {
  auto ties = TiesOf({Connection("c1", "sarah", "house", false)});
  EXPECT_FALSE(ties["house"].active_to_org);
  EXPECT_TRUE(ties["house"].ever_to_org);
  EXPECT_TRUE(ProfileWriteFor(House(), ties["house"], false, NoMerge, kNow).has_value());
}

TEST(SYN03_SyncedProfiles, StaffOfAnotherOrgIsNeverWritten) {
  SyncProfile tom;
  tom.profile_id = "tom";
  tom.kind = ProfileKind::kStaff;
  Ties ties;
  ties.active_to_org = true;
  ties.ever_to_org = true;
  EXPECT_FALSE(ProfileWriteFor(tom, ties, /*staff_of_org=*/false, NoMerge, kNow).has_value());
  auto own = ProfileWriteFor(tom, ties, /*staff_of_org=*/true, NoMerge, kNow);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->record.record_type, kStaffRecordType);
}

TEST(SYN04_ProfileRecord, CarriesTheEngageFields) {
  auto ties = TiesOf({Connection("c1", "sarah", "house", true)});
  auto write = ProfileWriteFor(House(), ties["house"], false, NoMerge, kNow);
  ASSERT_TRUE(write.has_value());
  const ProfileRecord& r = write->record;
  EXPECT_EQ(r.external_id, "house");
  EXPECT_EQ(r.record_type, kHcpRecordType);
  EXPECT_EQ(r.account_id, "");
  EXPECT_EQ(r.connection_status, "ACTIVE");
  EXPECT_EQ(r.connection_status_time, kNow - absl::Hours(30));
  EXPECT_EQ(r.degree, "MD");
  EXPECT_EQ(r.signup_time, kNow - absl::Hours(40));
  EXPECT_EQ(r.first_name, "Gregory");
  EXPECT_EQ(r.last_name, "House");
  EXPECT_EQ(r.photo_url, "https://example.com/house.png");
  EXPECT_EQ(r.title, "Head of Diagnostics");
  // SYN-10: the Engage version of the record is the profile's last change.
  EXPECT_EQ(write->engage_time, kEdited);
}

TEST(SYN04_ProfileRecord, DisplayNameFallsBackToFirstAndLastName) {
  Ties ties;
  ties.active_to_org = true;
  EXPECT_EQ(ProfileWriteFor(House(), ties, false, NoMerge, kNow)->record.display_name,
            "Gregory House");
  SyncProfile named = House();
  named.display_name = "Dr. House";
  EXPECT_EQ(ProfileWriteFor(named, ties, false, NoMerge, kNow)->record.display_name, "Dr. House");
}

TEST(SYN04_ProfileRecord, AccountIsTheLinkAfterMerges) {
  Ties ties;
  ties.active_to_org = true;
  SyncProfile linked = House();
  linked.linked_account = "acct-old";
  auto resolve = [](const std::string& a) { return a == "acct-old" ? "acct-new" : a; };
  EXPECT_EQ(ProfileWriteFor(linked, ties, false, resolve, kNow)->record.account_id, "acct-new");
}

TEST(SYN05_ConnectionRecords, OnlyConnectionsToCrmUsersOfTheOrg) {
  EXPECT_TRUE(ConnectionSynced(Connection("c1", "sarah", "house", true), Staff()));
  EXPECT_FALSE(ConnectionSynced(Connection("c2", "tom", "house", true), Staff()));
  EXPECT_FALSE(ConnectionSynced(Connection("c3", "nobody", "house", true), Staff()));
}

TEST(SYN05_ConnectionRecords, RecordFollowsTheConnection) {
  MirroredConnection gone = Connection("c1", "sarah", "house", false);
  gone.inactivation_time = kEdited;
  ConnectionWrite w = ConnectionWriteFor(gone, "user-sarah", nullptr);
  ConnectionRecord expected;
  expected.external_id = "c1";
  expected.from_user_id = "user-sarah";
  expected.to_profile_external_id = "house";
  expected.active = false;
  expected.inactivation_time = kEdited;
  EXPECT_EQ(w.record, expected);
  // SYN-10: a connection's Engage version is the feed sequence of its last change.
  EXPECT_EQ(w.engage_time, absl::FromUnixMicros(7));
  ConnectionWrite back =
      ConnectionWriteFor(Connection("c1", "sarah", "house", true), "user-sarah", nullptr);
  EXPECT_TRUE(back.record.active);
  EXPECT_EQ(back.record.inactivation_time, absl::InfinitePast());
}

TEST(SYN05_ConnectionRecords, UserToEngageProfileFromTheCrmUserToTheHcpsProfileRecord) {
  const OrgStaff staff = Staff();
  EXPECT_EQ(staff.UserIdOf("sarah"), "user-sarah");
  EXPECT_EQ(staff.UserIdOf("tom"), "");  // a CRM user of another org
  ConnectionWrite w = ConnectionWriteFor(Connection("c1", "sarah", "house", true),
                                         staff.UserIdOf("sarah"), nullptr);
  EXPECT_EQ(w.record.record_type, "User_to_Engage_Profile_vod");
  // From_User_vod is the CRM user's id, never the field user's Engage profile id.
  EXPECT_EQ(w.record.from_user_id, "user-sarah");
  // To_Engage_Profile_vod names the HCP's Engage_Profile_vod record (by its
  // VExternal_ID_vod); the CRM stores that record's id.
  EXPECT_EQ(w.record.to_profile_external_id, "house");
  EXPECT_EQ(w.record.to_profile_record_id, "");
}

TEST(SYN06_RemovedProfiles, ProfileThatBelongedToTheOrgBecomesATombstone) {
  SyncProfile removed = House();
  removed.removed = true;
  auto ties = TiesOf({Connection("c1", "sarah", "house", false)});
  auto write = ProfileWriteFor(removed, ties["house"], false, NoMerge, kNow);
  ASSERT_TRUE(write.has_value());
  EXPECT_EQ(write->record, Tombstone("house", kHcpRecordType, kNow));
  EXPECT_EQ(write->record.display_name, "Deleted User");
  EXPECT_EQ(write->record.connection_status, "DELETED");
  EXPECT_EQ(write->record.connection_status_time, kNow);
  EXPECT_EQ(write->record.first_name, "");
  SyncProfile linked = removed;
  linked.linked_account = "acct-1";
  EXPECT_TRUE(ProfileWriteFor(linked, Ties{}, false, NoMerge, kNow).has_value());
}

TEST(SYN06_RemovedProfiles, ProfileNeverInTheOrgIsNotWritten) {
  SyncProfile removed = House();
  removed.removed = true;
  auto ties = TiesOf({Connection("c1", "tom", "house", true)});
  EXPECT_FALSE(ProfileWriteFor(removed, ties["house"], false, NoMerge, kNow).has_value());
}

TEST(SYN06_RemovedProfiles, ConnectionsOfARemovedHcpAreDeactivated) {
  const absl::Time removed_at = kNow - absl::Minutes(5);
  ConnectionWrite w =
      ConnectionWriteFor(Connection("c1", "sarah", "house", true), "user-sarah", &removed_at);
  EXPECT_FALSE(w.record.active);
  EXPECT_EQ(w.record.inactivation_time, removed_at);
  // An inactive connection keeps the time it was ended.
  MirroredConnection ended = Connection("c2", "sarah", "house", false);
  ended.inactivation_time = kEdited;
  EXPECT_EQ(ConnectionWriteFor(ended, "user-sarah", &removed_at).record.inactivation_time, kEdited);
}

}  // namespace
}  // namespace engage::profile::sync
