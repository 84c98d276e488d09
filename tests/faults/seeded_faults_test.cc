// Seeded faults during real background work (issue 18): a full CRM sync of an
// org (310 profiles, 600 connections, batches of 10) runs on profile/0 while
// a PromoMats delivery burst (30 documents created and changed once, to three
// CRMs: 180 deliveries) is dispatched by both promomats replicas, a
// post-processing run connects a meeting's 150 attendees (CON-08, on the
// connection replica whose timer claimed the tenant) and 60 profile-data
// events go to the engagement system (CAT-08, both profile replicas). At a
// point drawn from a printed seed (ENGAGE_FAULT_SEED replays it) -- the
// bursts begun at a random record of the sync, the fault at a random item of
// the post-processing run or a random later record of the sync -- profile/0, promomats/0 and the
// post-processing runner get kill -9 (one scenario) or SIGTERM (the other); a third scenario
// restarts the MariaDB instead. After recovery the CRM records equal those of
// a clean full sync, every CrossLink is at its last version with each change
// applied once, each delivery notified once, every attendee connected once,
// every profile-data event received (by key) and sent again at most once per
// kill, no sync run overlaps another or began while post-processing held
// the tenant (SYN-07), no lock or lease is left held.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/faults/job_watch.h"
#include "tests/faults/meeting_run.h"
#include "tests/faults/private_mariadb.h"
#include "tests/faults/profile_data_burst.h"
#include "tests/faults/replicated_mesh.h"
#include "tests/faults/sync_and_burst.h"
#include "tests/support/test_database.h"

namespace engage::testing {
namespace {

using profile::sync::RunStatus;

// The seed of this run: ENGAGE_FAULT_SEED when set, else a fresh one.
uint64_t Seed() {
  uint64_t seed = 0;
  const char* env = std::getenv("ENGAGE_FAULT_SEED");
  if (env == nullptr || !absl::SimpleAtoi(env, &seed)) seed = std::random_device()();
  return seed;
}

ReplicatedMesh::Options MeshOptions(const mysql::DbConfig& db) {
  ReplicatedMesh::Options options;
  options.db = db;
  // Batches of 10: 91 safe points in the sync. The scheduler looks for parked
  // runs every second (its orgs' schedules are off). A profile-data delivery
  // under way when profile/0 is killed stays leased until the lease lapses
  // (5 s here), then the other replica sends it again.
  options.env["profile"] = {{"ENGAGE_SYNC_BATCH_SIZE", "10"},
                            {"ENGAGE_SYNC_SCHEDULER_TICK_SECONDS", "1"},
                            {"ENGAGE_ENGAGEMENT_ALLOW_LOOPBACK_HTTP", "true"},
                            {"ENGAGE_PROFILE_DATA_DISPATCH_INTERVAL_MS", "100"},
                            {"ENGAGE_PROFILE_DATA_RETRY_FIRST_MS", "100"},
                            {"ENGAGE_ENGAGEMENT_TIMEOUT_MS", "2000"},
                            {"ENGAGE_OUTBOX_LEASE_SECONDS", "5"}};
  // Every replica's post-processing timer every second; a killed runner's
  // lease lapses after 3 s.
  options.env["connection"] = {{"ENGAGE_POST_PROCESSING_INTERVAL_SECONDS", "1"},
                               {"ENGAGE_POST_PROCESSING_LEASE_SECONDS", "3"}};
  // A delivery under way when promomats/0 is killed stays leased until the
  // lease lapses, then the other replica sends it (at least once): 5 s here.
  options.env["promomats"] = {{"ENGAGE_DISPATCH_INTERVAL_MS", "100"},
                              {"ENGAGE_DELIVERY_RETRY_FIRST_MS", "200"},
                              {"ENGAGE_OUTBOX_LEASE_SECONDS", "5"}};
  return options;
}

// Everything the scenarios run, on one mesh and database, in one tenant.
struct Work {
  Work(ReplicatedMesh& mesh, mysql::Pool& pool)
      : sync(mesh, pool),
        meeting(mesh, pool, sync.tenant()),
        profile_data(mesh, pool, sync.tenant()) {}
  void SetUp() {
    ASSERT_NO_FATAL_FAILURE(sync.SetUp());
    ASSERT_NO_FATAL_FAILURE(meeting.SetUp());
    ASSERT_NO_FATAL_FAILURE(profile_data.SetUp());
    ASSERT_NO_FATAL_FAILURE(sync.Settle());
  }
  SyncAndBurst sync;
  MeetingRun meeting;
  ProfileDataBurst profile_data;
};

struct Interrupted {
  std::string run_id;
  SyncAndBurst::Run at_fault;  // the sync when the fault came
  std::pair<int64_t, int64_t> deliveries_at_fault, events_at_fault;
  int64_t connected_at_fault = 0;
  MeetingRun::Runner runner;  // the post-processing run under way, if any
  absl::Time when;
};

// Starts the sync on profile/0, then the bursts and the meeting, and at the
// seeded point calls `fault`; returns once the bursts' calls are made.
Interrupted RunToTheFault(Work& work, uint64_t seed,
                          const std::function<void(const Interrupted&)>& fault) {
  std::mt19937_64 random(seed);
  // The meeting is recorded as the sync starts (the connection replicas'
  // timers take it within a second); the bursts begin once the sync has
  // written 5 to 50 of its records; the fault comes once the
  // post-processing run has begun and connected 5 to 100 of its 150
  // attendees, or the sync wrote 300 to 850 of its 910 records, whichever
  // comes first (the pace of each depends on the machine's load): so all are
  // under way. The figures say where each was.
  const int64_t burst_at = std::uniform_int_distribution<int64_t>(5, 50)(random);
  const int64_t connected_at = std::uniform_int_distribution<int64_t>(5, 100)(random);
  const int64_t sync_at = std::uniform_int_distribution<int64_t>(300, 850)(random);
  std::cout << "FIGURES seed " << seed << " (replay: ENGAGE_FAULT_SEED=" << seed
            << "): the fault once post-processing has begun and connected " << connected_at
            << " attendees or the sync wrote " << sync_at
            << " records; the bursts begun once the sync had written " << burst_at << " of "
            << SyncAndBurst::kRecords << " records" << std::endl;
  Interrupted out;
  SyncAndBurst& sync = work.sync;
  out.run_id = sync.StartFullSyncOn(0);
  work.meeting.Record();
  const absl::Time until = absl::Now() + absl::Seconds(30);
  SyncAndBurst::Run run = sync.GetRun(out.run_id);
  while (run.done < burst_at && !run.Ended() && absl::Now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    run = sync.GetRun(out.run_id);
  }
  std::thread burst([&sync] { sync.Burst(); });
  std::thread answers([&work] { work.profile_data.Burst(); });
  for (;;) {
    out.connected_at_fault = work.meeting.Connected();
    if (out.connected_at_fault > 0) out.runner = work.meeting.FindRunner();
    const bool begun = out.runner.replica >= 0;
    if (absl::Now() >= until ||
        (begun && (out.connected_at_fault >= connected_at || run.done >= sync_at))) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    run = sync.GetRun(out.run_id);
  }
  out.when = absl::Now();
  fault(out);
  out.at_fault = sync.GetRun(out.run_id);
  out.deliveries_at_fault = sync.Deliveries();
  out.events_at_fault = work.profile_data.Events();
  const bool mid_burst =
      out.deliveries_at_fault.first < int64_t{SyncAndBurst::kDocuments} * 2 * SyncAndBurst::kCrms;
  std::cout << "FIGURES at the fault (" << (out.at_fault.Ended() ? "after" : "mid") << "-sync, "
            << (mid_burst ? "mid" : "after") << "-burst, "
            << (out.runner.replica >= 0 ? "mid" : "no") << "-post-processing): sync "
            << out.at_fault.done << " of " << out.at_fault.total << " records (status "
            << out.at_fault.status << "), deliveries " << out.deliveries_at_fault.first
            << " sent of " << out.deliveries_at_fault.second << " queued, "
            << out.connected_at_fault << " of " << MeetingRun::kAttendees
            << " attendees connected by connection/" << out.runner.replica
            << ", profile-data events " << out.events_at_fault.first << " sent of "
            << out.events_at_fault.second << " written" << std::endl;
  burst.join();
  answers.join();
  return out;
}

// `signal` to profile/0, promomats/0 and the connection replica running
// post-processing, at the fault; waits until they have exited.
std::function<void(const Interrupted&)> Signal(ReplicatedMesh& mesh, int signal) {
  return [&mesh, signal](const Interrupted& at) {
    std::vector<std::pair<std::string, int>> hit = {{"profile", 0}, {"promomats", 0}};
    if (at.runner.replica >= 0) hit.push_back({"connection", at.runner.replica});
    for (const auto& [name, i] : hit) EXPECT_EQ(kill(mesh.process(name, i).pid(), signal), 0);
    std::vector<std::string> names;
    for (const auto& [name, i] : hit) {
      const int code = mesh.process(name, i).WaitExit(absl::Seconds(20));
      if (signal == SIGTERM) {
        EXPECT_EQ(code, 0) << name << "/" << i << " on SIGTERM";
      }
      names.push_back(ReplicatedMesh::Key(name, i));
    }
    std::cout << "FIGURES " << absl::StrJoin(names, ", ") << " gone "
              << absl::ToDoubleMilliseconds(absl::Now() - at.when) << " ms after signal " << signal
              << std::endl;
  };
}

// The end state after recovery, against the reference and the invariants.
// `cut`: profile replicas whose delivery under way may have been cut off
// (each may send its event again).
void ExpectEndState(Work& work, JobWatch& watch, const absl::Time t0, int cut) {
  SyncAndBurst& sync = work.sync;
  ASSERT_TRUE(sync.WaitDelivered(absl::Seconds(30)))
      << "deliveries sent/queued: " << sync.Deliveries().first << "/" << sync.Deliveries().second;
  EXPECT_TRUE(work.meeting.WaitConnected(absl::Seconds(30)))
      << work.meeting.Connected() << " attendees connected";
  work.profile_data.ExpectDelivered(absl::Seconds(30), cut);
  std::cout << "FIGURES recovered " << absl::ToDoubleSeconds(absl::Now() - t0)
            << " s after the fault; StartSync held back by post-processing " << sync.held_back()
            << " times" << std::endl;
  work.meeting.ExpectEndState();
  watch.ExpectNoSyncBeganDuringPostProcessing();
  std::cout << "FIGURES " << watch.spans().size() << " post-processing runs seen, "
            << watch.begins().size() << " sync runs begun" << std::endl;
  const std::vector<std::string> after = sync.CrmSnapshot();
  EXPECT_EQ(after.size(), static_cast<size_t>(SyncAndBurst::kRecords))
      << "CRM records lost or doubled";
  sync.ExpectInvariants(MeetingRun::kAttendees);
  EXPECT_EQ(after, sync.ReferenceSnapshot()) << "the CRM differs from a clean full sync's";
}

// The org's next sync after the fault (an hour later, SYN-07; here the runs
// are moved back) completes a run the fault ended or left RUNNING; the run
// left RUNNING is recorded as interrupted.
void CompleteTheSync(SyncAndBurst& sync, const std::string& run_id) {
  const SyncAndBurst::Run before = sync.GetRun(run_id);
  if (before.status == static_cast<int>(RunStatus::kSuccess)) return;
  sync.AnHourPasses();
  const std::string next = sync.StartSync(false);
  const SyncAndBurst::Run done = sync.WaitEnded(next, absl::Seconds(30));
  EXPECT_EQ(done.status, static_cast<int>(RunStatus::kSuccess)) << done.message;
  if (!before.Ended()) {
    const SyncAndBurst::Run first = sync.GetRun(run_id);
    EXPECT_EQ(first.status, static_cast<int>(RunStatus::kFailure)) << first.message;
    EXPECT_NE(first.message.find("interrupted"), std::string::npos) << first.message;
  }
}

// kill -9 of profile/0 (running the sync and delivering profile-data
// events), promomats/0 (dispatching) and the connection replica running
// post-processing: the killed run is recorded as interrupted by the org's
// next sync, which completes its work (and waits while post-processing runs,
// SYN-07); the deliveries the dead replicas had claimed are made by the
// others once their leases lapse; the other connection replica takes the
// tenant once the dead runner's lease lapses and connects the rest.
TEST(SeededFaults, SYN12_PMX13_CON08_CAT08_Kill9DuringTheWorkEndsAsAnUninterruptedRun) {
  TestDatabase db;
  ReplicatedMesh mesh(MeshOptions(db.config()));
  Work work(mesh, db.pool());
  ASSERT_NO_FATAL_FAILURE(work.SetUp());
  JobWatch watch(db.pool(), work.sync.tenant(), SyncAndBurst::kOrg);
  const Interrupted fault = RunToTheFault(work, Seed(), Signal(mesh, SIGKILL));
  mesh.Start("profile", 0);
  mesh.Start("promomats", 0);
  if (fault.runner.replica >= 0) mesh.Start("connection", fault.runner.replica);
  if (!work.sync.GetRun(fault.run_id).Ended()) CompleteTheSync(work.sync, fault.run_id);
  ExpectEndState(work, watch, fault.when, /*cut=*/1);
}

// SIGTERM of the same replicas: profile/0 parks its run at the next batch
// (QUEUED, lock released, not FAILED) and exits 0; profile/1's scheduler
// resumes the same run within a tick (once post-processing lets it) and ends
// it SUCCESS; promomats/0 and profile/0 finish the delivery under way (no
// event sent twice); the post-processing runner stops before its next item
// and releases its lease, and the other replica connects the rest.
TEST(SeededFaults, SYN12_PMX13_CON08_CAT08_SigtermDuringTheWorkParksItAndTheOtherReplicasResume) {
  TestDatabase db;
  ReplicatedMesh mesh(MeshOptions(db.config()));
  Work work(mesh, db.pool());
  ASSERT_NO_FATAL_FAILURE(work.SetUp());
  JobWatch watch(db.pool(), work.sync.tenant(), SyncAndBurst::kOrg);
  const Interrupted fault = RunToTheFault(work, Seed(), Signal(mesh, SIGTERM));
  // Mid-run, it stopped at a batch and let go; with its last batch under
  // way it finished the run within the grace instead.
  const std::string log = mesh.process("profile", 0).Output();
  EXPECT_TRUE(log.find("sync parked") != std::string::npos ||
              log.find("\"msg\":\"sync finished\"") != std::string::npos)
      << "profile/0 neither parked nor finished its run";
  std::cout << "FIGURES profile/0 "
            << (log.find("sync parked") != std::string::npos ? "parked its run"
                                                             : "finished its run")
            << std::endl;
  // The stopped post-processing run let go of the tenant.
  if (fault.runner.replica >= 0) {
    EXPECT_NE(work.meeting.LeaseHolder(), fault.runner.holder)
        << "the stopped post-processing run kept its lease";
  }
  const SyncAndBurst::Run done = work.sync.WaitEnded(fault.run_id, absl::Seconds(30));
  EXPECT_EQ(done.status, static_cast<int>(RunStatus::kSuccess)) << done.message;
  EXPECT_EQ(done.done, SyncAndBurst::kRecords);
  EXPECT_EQ(done.total, SyncAndBurst::kRecords);
  EXPECT_EQ(work.sync.RunCount(), 1) << "the stopped run was not resumed as itself";
  mesh.Start("profile", 0);
  mesh.Start("promomats", 0);
  if (fault.runner.replica >= 0) mesh.Start("connection", fault.runner.replica);
  ExpectEndState(work, watch, fault.when, /*cut=*/0);
}

// The MariaDB all replicas use stopped at the seeded point and started again
// (same port, same data folder) 0.5 to 2 s later: no replica is restarted,
// their pools reconnect; a sync the outage ended is completed by the org's
// next, and every delivery a replica made while it could not record it is
// made again with the same key (at most one per profile replica).
TEST(SeededFaults, SYN12_PMX13_CON08_CAT08_MariaDbRestartDuringTheWorkEndsAsAnUninterruptedRun) {
  PrivateMariaDb database;
  ReplicatedMesh mesh(MeshOptions(database.config()));
  Work work(mesh, database.pool());
  ASSERT_NO_FATAL_FAILURE(work.SetUp());
  JobWatch watch(database.pool(), work.sync.tenant(), SyncAndBurst::kOrg);
  std::map<std::string, pid_t> pids;
  for (const auto& name : ReplicatedMesh::Names()) {
    for (int i = 0; i < ReplicatedMesh::kReplicas; ++i) {
      pids[ReplicatedMesh::Key(name, i)] = mesh.process(name, i).pid();
    }
  }
  const uint64_t seed = Seed();
  std::mt19937_64 random(~seed);
  const absl::Duration down =
      absl::Milliseconds(std::uniform_int_distribution<int64_t>(500, 2000)(random));
  const Interrupted fault = RunToTheFault(work, seed, [&](const Interrupted& at) {
    database.Stop();
    const double stopped_s = absl::ToDoubleSeconds(absl::Now() - at.when);
    std::this_thread::sleep_for(absl::ToChronoMilliseconds(down));
    database.Start();
    std::cout << "FIGURES MariaDB stopped (" << stopped_s << " s), down "
              << absl::ToDoubleMilliseconds(down) << " ms, started again "
              << absl::ToDoubleSeconds(absl::Now() - at.when) << " s after the fault" << std::endl;
  });
  // A sync the outage caught fails (it cannot write its batch) and its
  // replica records that once the database is back (found by this test: it
  // was left RUNNING until the org's next sync); the next sync completes it.
  const SyncAndBurst::Run first = work.sync.WaitEnded(fault.run_id, absl::Seconds(15));
  EXPECT_TRUE(first.Ended()) << "the sync the outage caught is left RUNNING";
  std::cout << "FIGURES the sync after the restart: status " << first.status << ", " << first.done
            << " of " << first.total << " records: " << first.message << std::endl;
  CompleteTheSync(work.sync, fault.run_id);
  ExpectEndState(work, watch, fault.when, /*cut=*/ReplicatedMesh::kReplicas);
  for (const auto& name : ReplicatedMesh::Names()) {
    for (int i = 0; i < ReplicatedMesh::kReplicas; ++i) {
      EXPECT_TRUE(mesh.process(name, i).Running()) << name << "/" << i << " died";
      EXPECT_EQ(mesh.process(name, i).pid(), pids[ReplicatedMesh::Key(name, i)]);
    }
  }
}

}  // namespace
}  // namespace engage::testing
