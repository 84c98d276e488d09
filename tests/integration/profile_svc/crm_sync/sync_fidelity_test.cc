// CRM record fidelity (issue 17): the connection record of seed 002 (SYN-05),
// retries of failed connection records (SYN-10), and which photos the sync
// owns (SYN-11), against the real MariaDB and the real connection_svc.
#include "tests/integration/profile_svc/crm_sync/sync_fixture.h"

namespace engage::profile::sync {
namespace {

class SyncFidelityTest : public SyncTest {
 protected:
  // The user id (the CRM user's id in its org) behind a staff profile.
  std::string UserIdOf(const std::string& staff_profile_id) {
    auto rows =
        db_.pool().Query("SELECT user_id FROM profiles WHERE tenant_id = ? AND profile_id = ?",
                         {tenant_, staff_profile_id});
    EXPECT_TRUE(rows.ok() && rows->size() == 1u);
    return rows.ok() && !rows->empty() ? rows->front().String(0) : "";
  }

  std::vector<LogRow> Errors(const Job& run) { return Log(run, true); }

  // A CRM user connected to an HCP with an Engage photo, synced; the HCP's profile id.
  std::string SyncedHcpWithPhoto() {
    const std::string hcp = Hcp("hcp");
    Connect(Staff("rep"), hcp);
    SetPhoto(hcp, "https://cdn.example/engage.png");
    Sync();
    return hcp;
  }
};

TEST_F(SyncFidelityTest, SYN05_ConnectionRecordGoesFromTheCrmUserToTheOrgsProfileRecordOfTheHcp) {
  const std::string rep = Staff("rep");
  const std::string hcp = Hcp("hcp");
  const std::string id = Connect(rep, hcp);
  Job run = Sync();
  ASSERT_EQ(run.status, RunStatus::kSuccess) << run.message;
  auto profiles = CrmProfiles();
  auto connections = CrmConnections();
  ASSERT_EQ(connections.count(id), 1u);
  const ConnectionRecord& c = connections[id];
  EXPECT_EQ(c.record_type, "User_to_Engage_Profile_vod");
  // From_User_vod: the CRM user's id in the org, not their Engage profile id.
  EXPECT_EQ(c.from_user_id, UserIdOf(rep));
  EXPECT_NE(c.from_user_id, rep);
  // To_Engage_Profile_vod: the record id of the org's Engage_Profile_vod record of the HCP.
  ASSERT_EQ(profiles.count(hcp), 1u);
  EXPECT_EQ(profiles[hcp].record_id.size(), 18u);
  EXPECT_EQ(c.to_profile_record_id, profiles[hcp].record_id);
  EXPECT_NE(c.to_profile_record_id, hcp);
  EXPECT_EQ(c.to_profile_external_id, hcp);
  EXPECT_EQ(c.record_id.size(), 18u);
  EXPECT_NE(c.record_id, profiles[hcp].record_id);
}

TEST_F(SyncFidelityTest, SYN05_EachOrgsRecordReferencesThatOrgsOwnProfileRecord) {
  const std::string rep_a = Staff("rep.a", kOrgA);
  const std::string rep_b = Staff("rep.b", kOrgB);
  const std::string hcp = Hcp("hcp");
  const std::string in_a = Connect(rep_a, hcp);
  const std::string in_b = Connect(rep_b, hcp);
  ConfigureIntegrationUser(kOrgB, "integration-b", "pw", "pw");
  Sync(kOrgA);
  ASSERT_EQ(Sync(kOrgB).status, RunStatus::kSuccess);
  const std::string record_a = CrmProfiles(kOrgA)[hcp].record_id;
  const std::string record_b = CrmProfiles(kOrgB)[hcp].record_id;
  EXPECT_NE(record_a, record_b);
  auto a = CrmConnections(kOrgA);
  auto b = CrmConnections(kOrgB);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[in_a].to_profile_record_id, record_a);
  EXPECT_EQ(a[in_a].from_user_id, UserIdOf(rep_a));
  EXPECT_EQ(b[in_b].to_profile_record_id, record_b);
  EXPECT_EQ(b[in_b].from_user_id, UserIdOf(rep_b));
}

TEST_F(SyncFidelityTest, SYN05_DisconnectAndReconnectKeepTheSameRecordAndItsReferences) {
  const std::string rep = Staff("rep");
  const std::string hcp = Hcp("hcp");
  const std::string id = Connect(rep, hcp);
  Sync();
  const ConnectionRecord first = CrmConnections()[id];
  Disconnect(id);
  Sync();
  ConnectionRecord ended = CrmConnections()[id];
  EXPECT_FALSE(ended.active);
  EXPECT_EQ(ended.record_id, first.record_id);
  EXPECT_EQ(ended.from_user_id, first.from_user_id);
  EXPECT_EQ(ended.to_profile_record_id, first.to_profile_record_id);
  EXPECT_EQ(Connect(rep, hcp), id);
  Sync();
  auto after = CrmConnections();
  ASSERT_EQ(after.size(), 1u);  // never deleted, never doubled
  EXPECT_TRUE(after[id].active);
  EXPECT_EQ(after[id].record_id, first.record_id);
}

// SYN-10, SYN-05: a connection record fails while the HCP's profile record it
// references cannot be written. Before, an incremental sync never retried a
// failed connection record.
TEST_F(SyncFidelityTest, SYN10_AFailedConnectionRecordIsRetriedTenTimesThenSkipped) {
  const std::string rep = Staff("rep");
  const std::string hcp = Hcp("hcp");
  const std::string id = Connect(rep, hcp);
  SetTitle(hcp, std::string(150, 'T'));  // Engage allows 200, the CRM 100
  for (int i = 1; i <= 10; ++i) {
    Job run = Sync();
    EXPECT_EQ(run.mode, i == 1 ? Mode::kFull : Mode::kIncremental);
    EXPECT_EQ(run.failed, 2) << "sync " << i << ": the profile and the connection record";
    EXPECT_EQ(run.status, RunStatus::kSuccessWithErrors);
    if (i == 2) {
      bool connection_failed = false;
      for (const LogRow& e : Errors(run)) {
        if (e.object == kConnectionObject && e.external_id == id) {
          connection_failed = true;
          EXPECT_NE(e.message.find("To_Engage_Profile_vod"), std::string::npos) << e.message;
        }
      }
      EXPECT_TRUE(connection_failed);
    }
  }
  EXPECT_EQ(store_.Failures(tenant_, kOrgA, kConnectionObject)->at(id).consecutive, 10);
  Job skipped = Sync();
  EXPECT_EQ(skipped.failed, 0);
  EXPECT_EQ(skipped.status, RunStatus::kSuccess);
  EXPECT_EQ(CrmConnections().count(id), 0u);
  // The HCP changes in Engage: their record is written, and with it the
  // connection record that references it.
  SetTitle(hcp, "Cardiologist");
  Job retried = Sync();
  EXPECT_EQ(retried.failed, 0) << retried.message;
  auto connections = CrmConnections();
  ASSERT_EQ(connections.count(id), 1u);
  EXPECT_TRUE(connections[id].active);
  EXPECT_EQ(connections[id].to_profile_record_id, CrmProfiles()[hcp].record_id);
  EXPECT_TRUE(store_.Failures(tenant_, kOrgA, kConnectionObject)->empty());
}

TEST_F(SyncFidelityTest, SYN10_AGivenUpConnectionRecordComesBackWhenTheConnectionChanges) {
  const std::string rep = Staff("rep");
  const std::string hcp = Hcp("hcp");
  const std::string id = Connect(rep, hcp);
  SetTitle(hcp, std::string(150, 'T'));
  for (int i = 1; i <= 11; ++i) Sync();
  ASSERT_EQ(CrmConnections().count(id), 0u);
  Disconnect(id);  // a change of the connection in Engage
  Job run = Sync();
  bool tried = false;
  for (const LogRow& e : Errors(run)) tried |= e.external_id == id;
  EXPECT_TRUE(tried) << "the changed connection record was not tried again";
}

TEST_F(SyncFidelityTest, SYN10_ConfigurationFailuresDoNotCountTowardAConnectionRecordsTen) {
  const std::string rep = Staff("rep");
  const std::string hcp = Hcp("hcp");
  const std::string id = Connect(rep, hcp);
  SetTitle(hcp, std::string(150, 'T'));
  for (int i = 1; i <= 9; ++i) Sync();
  ASSERT_EQ(store_.Failures(tenant_, kOrgA, kConnectionObject)->at(id).consecutive, 9);
  // The integration user's password changes in the CRM only: every sync fails on configuration.
  ASSERT_TRUE(
      crm_.ProvisionIntegrationUser(tenant_, kOrgA, "integration@verteo", "new", true).ok());
  for (int i = 1; i <= 3; ++i) {
    Job run = Sync();
    EXPECT_EQ(run.status, RunStatus::kFailure);
    EXPECT_EQ(run.failed, 0);
  }
  EXPECT_EQ(store_.Failures(tenant_, kOrgA, kConnectionObject)->at(id).consecutive, 9);
  ASSERT_TRUE(
      crm_.ProvisionIntegrationUser(tenant_, kOrgA, "integration@verteo", "s3cret", true).ok());
  Job tenth = Sync();
  EXPECT_EQ(tenth.failed, 2) << "the tenth failure is still tried";
  EXPECT_EQ(store_.Failures(tenant_, kOrgA, kConnectionObject)->at(id).consecutive, 10);
}

// SYN-11: before, any photo attached by hand was overwritten by the next sync.
TEST_F(SyncFidelityTest, SYN11_APhotoOfAnotherContentTypeIsLeftAlone) {
  const std::string hcp = SyncedHcpWithPhoto();
  auto attached = crm_.AttachPhoto(tenant_, kOrgA, hcp, "https://cdn.example/headshot.png",
                                   "Headshot_vod", clock_.Now());
  ASSERT_TRUE(attached.ok()) << attached.status();
  EXPECT_EQ(attached->manual_photo_url, "https://cdn.example/headshot.png");
  EXPECT_EQ(attached->record.photo_url, "https://cdn.example/engage.png");
  Sync();  // nothing changed in Engage
  SetTitle(hcp, "Cardiologist");
  SetPhoto(hcp, "https://cdn.example/engage-2.png");
  Job run = Sync();  // the record is rewritten with the Engage changes
  ASSERT_EQ(run.status, RunStatus::kSuccess) << run.message;
  auto record = CrmProfiles()[hcp];
  EXPECT_EQ(record.record.title, "Cardiologist");
  EXPECT_EQ(record.record.photo_url, "https://cdn.example/engage-2.png");
  EXPECT_EQ(record.photo_content_type, kReservedPhotoType);
  EXPECT_EQ(record.manual_photo_url, "https://cdn.example/headshot.png");
  EXPECT_EQ(record.manual_photo_content_type, "Headshot_vod");
}

TEST_F(SyncFidelityTest, SYN11_APhotoOfTheReservedTypeIsOverwrittenAndEditsAreRefused) {
  const std::string hcp = SyncedHcpWithPhoto();
  ASSERT_TRUE(crm_.AttachPhoto(tenant_, kOrgA, hcp, "https://cdn.example/manual.png",
                               kReservedPhotoType, clock_.Now())
                  .ok());
  EXPECT_EQ(CrmProfiles()[hcp].record.photo_url, "https://cdn.example/manual.png");
  Job next = Sync();
  EXPECT_EQ(next.mode, Mode::kIncremental);
  EXPECT_EQ(CrmProfiles()[hcp].record.photo_url, "https://cdn.example/engage.png");
  EXPECT_EQ(CrmProfiles()[hcp].manual_photo_url, "");
  auto edit = crm_.EditTitle(tenant_, kOrgA, hcp, "Hand-edited", clock_.Now());
  EXPECT_EQ(edit.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(edit.status().message().find("SYN-11"), std::string::npos);
  EXPECT_EQ(CrmProfiles()[hcp].record.title, "");
}

}  // namespace
}  // namespace engage::profile::sync
