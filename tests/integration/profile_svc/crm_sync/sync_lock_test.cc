// SYN-07 across replicas: a run that can no longer prove it holds its org's
// database lock stops instead of writing on beside another replica.
#include <chrono>
#include <thread>

#include "tests/integration/profile_svc/crm_sync/hooked_crm.h"
#include "tests/integration/profile_svc/crm_sync/sync_fixture.h"

namespace engage::profile::sync {
namespace {

TEST_F(SyncTest, SYN07_ARunWhoseLockConnectionIsKilledStopsAtItsNextBatch) {
  const std::string rep = Staff("rep");
  for (int i = 0; i < 30; ++i) Connect(rep, Hcp("hcp" + std::to_string(i)));
  clock_.Advance(absl::Minutes(61));
  const std::string lock_name = absl::StrCat("sync/", tenant_, "/", kOrgA);
  const std::string lock_expr =
      "CONCAT('engage/', LEFT(SHA2(CONCAT(DATABASE(), '/', ?), 256), 40))";
  bool killed = false;
  HookedCrm crm(crm_, [&](int batch) {
    if (batch != 1) return;
    // As if the lock's connection dropped: the server releases the lock.
    auto holder =
        db_.pool().Query(absl::StrCat("SELECT IS_USED_LOCK(", lock_expr, ")"), {lock_name});
    ASSERT_TRUE(holder.ok()) << holder.status();
    ASSERT_FALSE(holder->front().IsNull(0)) << "the run holds no lock";
    ASSERT_TRUE(db_.pool().Execute(absl::StrCat("KILL ", holder->front().Int(0))).ok());
    // KILL returns before the server has ended the connection; wait (bounded)
    // until it has released the lock, so the run's next check sees it lost.
    for (int i = 0; i < 500; ++i) {
      auto now_held =
          db_.pool().Query(absl::StrCat("SELECT IS_USED_LOCK(", lock_expr, ")"), {lock_name});
      ASSERT_TRUE(now_held.ok()) << now_held.status();
      if (now_held->front().IsNull(0)) {
        killed = true;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  SyncRunner runner(store_, crm, *feed_, clock_, ids_, secrets_, /*batch_size=*/5);
  auto run = runner.RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false);
  ASSERT_TRUE(run.ok()) << run.status();
  ASSERT_TRUE(killed) << "the lock was not released after KILL";
  EXPECT_EQ(run->status, RunStatus::kFailure);
  EXPECT_NE(run->message.find("no longer holds"), std::string::npos) << run->message;
  // Batch 0 was written under the lock; batch 1 was checked before the kill
  // and commits; nothing after it.
  EXPECT_EQ(run->done, 10);
  EXPECT_LT(run->done, run->total);
  EXPECT_EQ(CrmProfiles().size(), 10u);
  auto stored = store_.GetRun(tenant_, kOrgA, run->run_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, RunStatus::kFailure);
  // The org's lock is free again: a later run completes the work (SYN-12).
  clock_.Advance(absl::Minutes(61));
  auto next = runner_->RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->status, RunStatus::kSuccess);
  EXPECT_EQ(CrmProfiles().size(), 31u);
  EXPECT_EQ(CrmConnections().size(), 30u);
}

TEST_F(SyncTest, SYN12_ABatchIsOneTransactionWithItsLogLinesAndProgress) {
  // Every record written has its log line and counts in the run, batch by batch.
  const std::string rep = Staff("rep");
  for (int i = 0; i < 12; ++i) Connect(rep, Hcp("hcp" + std::to_string(i)));
  Job run = Sync();
  int lines = 0;
  ASSERT_TRUE(store_
                  .ReadLog(tenant_, run.run_id, false,
                           [&](const LogRow&) {
                             ++lines;
                             return true;
                           })
                  .ok());
  EXPECT_EQ(lines, run.written);
  EXPECT_EQ(run.done, 25);
  EXPECT_EQ(store_.GetRun(tenant_, kOrgA, run.run_id)->done, 25);
}

}  // namespace
}  // namespace engage::profile::sync
