// Clean stops of the CRM sync (issue 18): a replica told to stop parks its
// run between two batches, releasing the org's lock; the next sync on any
// replica resumes that run and ends it as an uninterrupted one would.
#include <functional>
#include <set>

#include "profile_svc/crm_sync/sync_scheduler.h"
#include "tests/integration/profile_svc/crm_sync/hooked_crm.h"
#include "tests/integration/profile_svc/crm_sync/sync_fixture.h"

namespace engage::profile::sync {
namespace {

TEST_F(SyncTest, SYN12_AStoppedRunParksBetweenBatchesAndTheNextSyncResumesIt) {
  const std::string rep = Staff("rep");
  for (int i = 0; i < 20; ++i) Connect(rep, Hcp("hcp" + std::to_string(i)));
  clock_.Advance(absl::Minutes(61));
  // The stopping replica: told to stop as its first batch (7 of 41) is written.
  std::unique_ptr<SyncRunner> stopping;
  HookedCrm hooked(crm_, [&](int batch) {
    if (batch == 0) stopping->RequestStop();
  });
  stopping = std::make_unique<SyncRunner>(store_, hooked, *feed_, clock_, ids_, secrets_, 7);
  auto parked = stopping->RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false);
  ASSERT_TRUE(parked.ok()) << parked.status();
  EXPECT_EQ(parked->status, RunStatus::kQueued) << parked->message;
  EXPECT_EQ(parked->done, 7);  // the batch under way committed, no other began
  EXPECT_NE(parked->message.find("stopped at a safe point"), std::string::npos);
  EXPECT_EQ(CrmProfiles().size(), 7u);
  // Not FAILED, and the org's lock is free.
  auto stored = store_.GetRun(tenant_, kOrgA, parked->run_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, RunStatus::kQueued);
  EXPECT_TRUE(store_.TryLock(tenant_, kOrgA).ok());

  // Another replica's scheduler tick, a minute later (not an hour: the run
  // started already), resumes the same run and ends it.
  clock_.Advance(absl::Minutes(1));
  SyncScheduler other(store_, *runner_, clock_, absl::ZeroDuration());
  other.RunDue();
  auto history = store_.History(tenant_, kOrgA, 10);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);  // one run, resumed: no second run, no failure
  const Job& run = history->front();
  EXPECT_EQ(run.run_id, parked->run_id);
  EXPECT_EQ(run.status, RunStatus::kSuccess) << run.message;
  EXPECT_EQ(run.done, 41);
  EXPECT_EQ(run.total, 41);
  EXPECT_EQ(CrmProfiles().size(), 21u);
  EXPECT_EQ(CrmConnections().size(), 20u);
  // One log line per record: what the first part wrote was not written again.
  std::vector<LogRow> log = Log(run, false);
  EXPECT_EQ(log.size(), 41u);
  std::set<std::string> distinct;
  for (const auto& row : log) distinct.insert(row.object + "/" + row.external_id);
  EXPECT_EQ(distinct.size(), 41u);
  EXPECT_TRUE(store_.TryLock(tenant_, kOrgA).ok());
}

TEST_F(SyncTest, SYN12_ARunQueuedOnAStoppingReplicaIsResumedNotFailed) {
  const std::string rep = Staff("rep");
  for (int i = 0; i < 5; ++i) Connect(rep, Hcp("hcp" + std::to_string(i)));
  clock_.Advance(absl::Minutes(61));
  SyncRunner stopping(store_, crm_, *feed_, clock_, ids_, secrets_, 7);
  stopping.RequestStop();  // the stop came before a worker took the run
  auto parked = stopping.RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false);
  ASSERT_TRUE(parked.ok()) << parked.status();
  EXPECT_EQ(parked->status, RunStatus::kQueued);
  EXPECT_TRUE(CrmProfiles().empty());
  // An admin's StartSync elsewhere within the hour is this run, resumed.
  auto resumed = runner_->Start(tenant_, kOrgA, Trigger::kAdmin, false);
  ASSERT_TRUE(resumed.ok()) << resumed.status();
  EXPECT_EQ(resumed->run_id, parked->run_id);
  runner_->Wait();
  auto done = store_.GetRun(tenant_, kOrgA, parked->run_id);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->status, RunStatus::kSuccess) << done->message;
  EXPECT_EQ(CrmProfiles().size(), 6u);
  // Once it ended, SYN-07's hour counts from its start again.
  auto again = runner_->Start(tenant_, kOrgA, Trigger::kAdmin, false);
  EXPECT_TRUE(absl::IsFailedPrecondition(again.status())) << again.status();
}

}  // namespace
}  // namespace engage::profile::sync
