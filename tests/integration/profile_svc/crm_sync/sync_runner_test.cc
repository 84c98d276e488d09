// The CRM integration sync against the real MariaDB and the real
// connection_svc (seed 002, SYN-01..13).
#include <atomic>
#include <thread>

#include "profile_svc/crm_sync/sync_scheduler.h"
#include "tests/integration/profile_svc/crm_sync/sync_fixture.h"

namespace engage::profile::sync {
namespace {

TEST_F(SyncTest, SYN04_ProfileRecordsAreCreatedThenUpdatedWithTheEngageChanges) {
  const std::string sarah = Staff("sarah");
  const std::string hcp = Hcp("dr.ackerman");
  Connect(sarah, hcp);
  Job first = Sync();
  EXPECT_EQ(first.status, RunStatus::kSuccess) << first.message;
  EXPECT_EQ(first.mode, Mode::kFull);  // SYN-02: no successful sync yet
  auto crm = CrmProfiles();
  ASSERT_EQ(crm.count(hcp), 1u);
  ASSERT_EQ(crm.count(sarah), 1u);
  EXPECT_EQ(crm[hcp].record.record_type, kHcpRecordType);
  EXPECT_EQ(crm[sarah].record.record_type, kStaffRecordType);
  EXPECT_EQ(crm[hcp].record.first_name, "Clinton");
  EXPECT_EQ(crm[hcp].record.display_name, "Clinton Ackerman");
  EXPECT_EQ(crm[hcp].record.connection_status, "ACTIVE");
  EXPECT_TRUE(crm[hcp].created_by_sync);

  SetTitle(hcp, "Chief of Cardiology");
  Job second = Sync();
  EXPECT_EQ(second.mode, Mode::kIncremental);
  EXPECT_EQ(second.status, RunStatus::kSuccess);
  EXPECT_EQ(CrmProfiles()[hcp].record.title, "Chief of Cardiology");
  // The incremental run wrote what changed, not everything.
  EXPECT_LT(second.total, first.total + 1);
  std::vector<LogRow> log = Log(second, false);
  bool updated = false;
  for (const auto& r : log) updated |= r.external_id == hcp && r.action == "updated";
  EXPECT_TRUE(updated);
}

TEST_F(SyncTest, SYN03_ProfilesGoToTheOrgsOfTheirConnectionsOrLinkedAccounts) {
  const std::string rep_a = Staff("rep.a", kOrgA);
  const std::string connected_in_a = Hcp("hcp1");
  const std::string linked_in_b = Hcp("hcp2");
  const std::string linked_only = Hcp("hcp3");
  Connect(rep_a, connected_in_a);
  Connect(rep_a, linked_in_b);
  ASSERT_TRUE(accounts_.LinkProfile(tenant_, linked_in_b, kOrgB, "ACC-B-1", clock_.Now()).ok());
  ASSERT_TRUE(accounts_.LinkProfile(tenant_, linked_only, kOrgB, "ACC-B-2", clock_.Now()).ok());
  ConfigureIntegrationUser(kOrgB, "integration-b", "pw", "pw");
  Sync(kOrgA);
  Job b = Sync(kOrgB);
  EXPECT_EQ(b.status, RunStatus::kSuccess) << b.message;
  auto in_a = CrmProfiles(kOrgA);
  auto in_b = CrmProfiles(kOrgB);
  EXPECT_EQ(in_a.count(connected_in_a), 1u);
  EXPECT_EQ(in_a.count(linked_in_b), 1u);
  EXPECT_EQ(in_a.count(linked_only), 0u);
  // Linked to an account of B and connected to a CRM user of the company (in A).
  EXPECT_EQ(in_b.count(linked_in_b), 1u);
  EXPECT_EQ(in_b[linked_in_b].record.account_id, "ACC-B-1");
  EXPECT_EQ(in_b.count(connected_in_a), 0u);
  // Linked but connected to nobody.
  EXPECT_EQ(in_b.count(linked_only), 0u);
  // The connection records belong to the org of the CRM user only.
  EXPECT_EQ(CrmConnections(kOrgA).size(), 2u);
  EXPECT_EQ(CrmConnections(kOrgB).size(), 0u);
}

TEST_F(SyncTest, SYN05_DisconnectDeactivatesAndReconnectReactivatesTheSameRecord) {
  const std::string rep = Staff("rep");
  const std::string hcp = Hcp("hcp");
  const std::string id = Connect(rep, hcp);
  Sync();
  ASSERT_TRUE(CrmConnections()[id].active);
  Disconnect(id);
  Sync();
  auto after_disconnect = CrmConnections();
  ASSERT_EQ(after_disconnect.size(), 1u);
  EXPECT_FALSE(after_disconnect[id].active);
  EXPECT_NE(after_disconnect[id].inactivation_time, absl::InfinitePast());
  EXPECT_EQ(Connect(rep, hcp), id);  // CON-09: the same row
  Sync();
  auto after_reconnect = CrmConnections();
  ASSERT_EQ(after_reconnect.size(), 1u);  // never deleted, never doubled
  EXPECT_TRUE(after_reconnect[id].active);
}

TEST_F(SyncTest, SYN06_DeletedProfileBecomesDeletedUserAndItsConnectionsAreDeactivated) {
  const std::string rep = Staff("rep");
  const std::string hcp = Hcp("hcp");
  SetTitle(hcp, "MD");
  const std::string id = Connect(rep, hcp);
  Sync();
  ASSERT_TRUE(profiles_.DeleteHcpProfile(tenant_, hcp, "hcp", clock_.Now()).ok());
  Job run = Sync();
  EXPECT_EQ(run.status, RunStatus::kSuccess) << run.message;
  auto record = CrmProfiles()[hcp].record;
  EXPECT_EQ(record.display_name, "Deleted User");
  EXPECT_EQ(record.connection_status, "DELETED");
  EXPECT_EQ(record.connection_status_time, run.start_time);
  EXPECT_TRUE(record.first_name.empty() && record.last_name.empty() && record.title.empty() &&
              record.photo_url.empty());
  EXPECT_FALSE(CrmConnections()[id].active);
}

TEST_F(SyncTest, SYN06_MergedAwayProfileIsTreatedAsDeleted) {
  const std::string rep = Staff("rep");
  const std::string loser = Hcp("loser");
  const std::string winner = Hcp("winner");
  Connect(rep, loser);
  Connect(rep, winner);
  Sync();
  ASSERT_TRUE(profiles_.MergeProfiles(tenant_, loser, winner, clock_.Now()).ok());
  Sync();
  auto crm = CrmProfiles();
  EXPECT_EQ(crm[loser].record.display_name, "Deleted User");
  EXPECT_EQ(crm[winner].record.first_name, "Clinton");
  EXPECT_EQ(crm[winner].record.connection_status, "ACTIVE");
}

TEST_F(SyncTest, SYN07_SyncsOfAnOrgStartSixtyMinutesApart) {
  Sync();
  clock_.Advance(absl::Minutes(30));
  auto refused = runner_->RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("next may start at"), std::string::npos);
  clock_.Advance(absl::Minutes(31));
  EXPECT_TRUE(runner_->RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false).ok());
}

TEST_F(SyncTest, SYN07_ExactlyOneSyncOfAnOrgRunsAtATime) {
  for (int i = 0; i < 30; ++i)
    Connect(Staff("rep" + std::to_string(i)), Hcp("hcp" + std::to_string(i)));
  clock_.Advance(absl::Minutes(61));
  // Two runners (as two replicas would have), started together.
  SyncRunner other(store_, crm_, *feed_, clock_, ids_, secrets_, 7);
  std::atomic<int> started{0};
  std::atomic<int> refused{0};
  auto go = [&](SyncRunner& r) {
    auto run = r.RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false);
    if (run.ok()) {
      ++started;
    } else if (absl::IsAborted(run.status()) || absl::IsFailedPrecondition(run.status())) {
      ++refused;
    }
  };
  std::thread t1(go, std::ref(*runner_));
  std::thread t2(go, std::ref(other));
  t1.join();
  t2.join();
  EXPECT_EQ(started.load(), 1);
  EXPECT_EQ(refused.load(), 1);
  EXPECT_EQ(store_.History(tenant_, kOrgA, 10)->size(), 1u);
}

TEST_F(SyncTest, SYN07_WhileAnotherReplicaHoldsTheOrgsLockNoSyncStarts) {
  Connect(Staff("rep"), Hcp("hcp"));
  clock_.Advance(absl::Minutes(61));
  {
    auto held = store_.TryLock(tenant_, kOrgA);  // as another replica running this org's sync
    ASSERT_TRUE(held.ok()) << held.status();
    auto refused = runner_->RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kAborted);
    EXPECT_TRUE(store_.History(tenant_, kOrgA, 10)->empty());
  }
  EXPECT_TRUE(runner_->RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false).ok());
}

TEST_F(SyncTest, SYN08_MissingOrInvalidIntegrationUserFailsWithTheReason) {
  Connect(Staff("rep", kOrgB), Hcp("hcp"));
  Job missing = Sync(kOrgB);
  EXPECT_EQ(missing.status, RunStatus::kFailure);
  EXPECT_NE(missing.message.find("integration user is not configured"), std::string::npos);
  ConfigureIntegrationUser(kOrgB, "integration-b", "wrong", "right");
  Job invalid = Sync(kOrgB);
  EXPECT_EQ(invalid.status, RunStatus::kFailure);
  EXPECT_NE(invalid.message.find("credentials are invalid"), std::string::npos) << invalid.message;
  // SYN-10: configuration failures count against no record.
  EXPECT_TRUE(store_.Failures(tenant_, kOrgB, kProfileObject)->empty());
  EXPECT_TRUE(CrmProfiles(kOrgB).empty());
}

TEST_F(SyncTest, SYN08_SomeRecordsFailingIsSuccessWithErrors) {
  const std::string rep = Staff("rep");
  const std::string fine = Hcp("fine");
  const std::string too_long = Hcp("too.long");
  Connect(rep, fine);
  Connect(rep, too_long);
  SetTitle(too_long, std::string(150, 'T'));  // Engage allows 200, the CRM 100
  Job run = Sync();
  EXPECT_EQ(run.status, RunStatus::kSuccessWithErrors);
  // The refused profile record, and the connection record that would reference it (SYN-05).
  EXPECT_EQ(run.failed, 2);
  std::vector<LogRow> errors = Log(run, true);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].external_id, too_long);
  EXPECT_NE(errors[0].message.find("Title_vod"), std::string::npos);
  EXPECT_EQ(errors[1].object, kConnectionObject);
  EXPECT_NE(errors[1].message.find("To_Engage_Profile_vod"), std::string::npos);
}

TEST_F(SyncTest, SYN09_HistoryKeepsTheLastTenSyncs) {
  Connect(Staff("rep"), Hcp("hcp"));
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) ids.push_back(Sync().run_id);
  auto history = store_.History(tenant_, kOrgA, 100);
  ASSERT_EQ(history->size(), 10u);
  EXPECT_EQ(history->front().run_id, ids.back());  // newest first
  EXPECT_FALSE(store_.GetRun(tenant_, kOrgA, ids.front()).ok());
}

TEST_F(SyncTest, SYN10_AFailingRecordIsRetriedTenTimesThenSkippedUntilItChanges) {
  const std::string rep = Staff("rep");
  const std::string hcp = Hcp("hcp");
  Connect(rep, hcp);
  SetTitle(hcp, std::string(150, 'T'));
  for (int i = 1; i <= 10; ++i) {
    Job run = Sync();
    // The profile record, and its connection record (SYN-05; SyncFidelityTest has more).
    EXPECT_EQ(run.failed, 2) << "sync " << i;
  }
  Job skipped = Sync();
  EXPECT_EQ(skipped.failed, 0);
  EXPECT_EQ(skipped.status, RunStatus::kSuccess);
  SetTitle(hcp, "Cardiologist");  // changed in Engage: tried again, and now it fits
  Job retried = Sync();
  EXPECT_EQ(retried.failed, 0);
  EXPECT_EQ(CrmProfiles()[hcp].record.title, "Cardiologist");
}

TEST_F(SyncTest, SYN11_SyncOwnedRecordsRefuseManualEditsAndReservedPhotosAreOverwritten) {
  const std::string rep = Staff("rep");
  const std::string hcp = Hcp("hcp");
  Connect(rep, hcp);
  Sync();
  auto edit = crm_.EditTitle(tenant_, kOrgA, hcp, "Hand-edited", clock_.Now());
  EXPECT_EQ(edit.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(CrmProfiles()[hcp].record.title, "");
  ASSERT_TRUE(crm_.AttachPhoto(tenant_, kOrgA, hcp, "https://cdn.example/manual.png",
                               kReservedPhotoType, clock_.Now())
                  .ok());
  EXPECT_EQ(CrmProfiles()[hcp].record.photo_url, "https://cdn.example/manual.png");
  Job next = Sync();  // a scheduled-style incremental sync, nothing changed in Engage
  EXPECT_EQ(next.mode, Mode::kIncremental);
  EXPECT_EQ(CrmProfiles()[hcp].record.photo_url, "");  // Engage's photo (none) wins
}

TEST_F(SyncTest, SYN12_AnInterruptedRunIsFinishedByTheNextAndEndsAsAnUninterruptedOne) {
  const std::string rep = Staff("rep");
  for (int i = 0; i < 20; ++i) Connect(rep, Hcp("hcp" + std::to_string(i)));
  // A run that died mid-way: started, some batches written, never finished.
  clock_.Advance(absl::Minutes(61));
  Job dead;
  dead.tenant = tenant_;
  dead.org_id = kOrgA;
  dead.run_id = ids_.Next();
  dead.start_time = clock_.Now();
  dead.mode = Mode::kFull;
  ASSERT_TRUE(store_.CreateRun(dead).ok());
  Job next = Sync();
  auto history = store_.History(tenant_, kOrgA, 10);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].status, RunStatus::kFailure);
  EXPECT_NE((*history)[1].message.find("interrupted"), std::string::npos);
  EXPECT_EQ(next.status, RunStatus::kSuccess);
  EXPECT_EQ(CrmProfiles().size(), 21u);
  EXPECT_EQ(CrmConnections().size(), 20u);
}

TEST_F(SyncTest, SYN13_ProgressIsRecordedBatchByBatch) {
  const std::string rep = Staff("rep");
  for (int i = 0; i < 20; ++i) Connect(rep, Hcp("hcp" + std::to_string(i)));
  Job run = Sync();
  EXPECT_EQ(run.total, 41);  // 20 HCPs + the rep + 20 connections
  EXPECT_EQ(run.done, run.total);
  EXPECT_EQ(store_.GetRun(tenant_, kOrgA, run.run_id)->done, 41);
}

TEST_F(SyncTest, SYN01_ScheduledSyncsRunHourlyPerOrg) {
  Connect(Staff("rep"), Hcp("hcp"));
  SyncScheduler scheduler(store_, *runner_, clock_, absl::ZeroDuration());
  scheduler.RunDue();
  auto first = store_.History(tenant_, kOrgA, 10);
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ(first->front().trigger, Trigger::kSchedule);
  clock_.Advance(absl::Minutes(30));
  scheduler.RunDue();
  EXPECT_EQ(store_.History(tenant_, kOrgA, 10)->size(), 1u);
  clock_.Advance(absl::Minutes(31));
  scheduler.RunDue();
  EXPECT_EQ(store_.History(tenant_, kOrgA, 10)->size(), 2u);
  // A schedule can be turned off.
  ASSERT_TRUE(store_.SetInterval(tenant_, kOrgA, 0, clock_.Now()).ok());
  clock_.Advance(absl::Hours(2));
  scheduler.RunDue();
  EXPECT_EQ(store_.History(tenant_, kOrgA, 10)->size(), 2u);
}

}  // namespace
}  // namespace engage::profile::sync
