#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_RUNNER_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_RUNNER_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/crypto/secret_box.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "common/work/fair_workers.h"
#include "profile_svc/crm_sync/connection_feed.h"
#include "profile_svc/crm_sync/crm_store.h"
#include "profile_svc/crm_sync/sync_store.h"

namespace engage::profile::sync {

// Runs the CRM integration sync of one org at a time per org (SYN-01..13):
// checks it may start, picks full or incremental, validates the integration
// user, reads the connection feed, decides what the org must hold, writes it
// in batches (each batch one transaction, its log and progress with it), and
// ends with one status. Interrupted runs are finished by the next one: writes
// are idempotent upserts and watermarks only move when a run completes.
class SyncRunner {
 public:
  // `workers` runs at once on this replica, at most `queue_capacity` queued
  // or running (SEC-11); `secrets` opens the integration user's sealed
  // password at sign-in (SEC-10).
  SyncRunner(SyncStore& store, CrmStore& crm, ConnectionFeed& feed, const Clock& clock,
             IdGenerator& ids, const crypto::SecretBox& secrets, int batch_size = 500,
             int workers = 2, int queue_capacity = 32);
  ~SyncRunner();

  // Checks and records the start of a run (QUEUED, holding the org's lock),
  // then runs it on one of the sync workers, the tenants with queued runs
  // taking turns; returns the job as queued. FAILED_PRECONDITION per SYN-07,
  // ABORTED when a sync of this org is queued or running on any replica,
  // RESOURCE_EXHAUSTED when this replica's queue is full.
  absl::StatusOr<Job> Start(const std::string& tenant, const std::string& org_id, Trigger trigger,
                            bool force_full);
  // The same, to the end, on the calling thread (scheduler, tests).
  absl::StatusOr<Job> RunToEnd(const std::string& tenant, const std::string& org_id,
                               Trigger trigger, bool force_full);
  // Waits for runs started by Start to end.
  void Wait();
  // At SIGTERM, before calls drain (issue 18): every run of this replica
  // stops at its next safe point, between two batches (each batch commits
  // with its log and progress), and is parked: left QUEUED with its counts,
  // the org's lock released. The org's next sync on any replica resumes it
  // (Begin), writing only the records it had not logged yet; the scheduler
  // looks for parked runs on every tick (SyncScheduler::RunDue).
  void RequestStop() { stopping_ = true; }
  // Stops taking runs: the running ones finish (or park, after RequestStop),
  // the queued ones are dropped and stay QUEUED, to be resumed likewise.
  void Stop();

 private:
  // A run recorded as begun, and the org's lock it holds until Finish.
  struct Begun {
    std::unique_ptr<RunLock> lock;
    Job run;
  };
  // What a run writes, once the feed is read and the records chosen.
  struct Plan {
    std::vector<ProfileWrite> profiles;
    std::vector<ConnectionWrite> connections;
    // Some record of the object has a failure recorded (SYN-10).
    bool profiles_had_failures = false;
    bool connections_had_failures = false;
    absl::Time started, fed, loaded;  // for the log: where a run's time goes
  };
  absl::StatusOr<Begun> Begin(const std::string& tenant, const std::string& org_id, Trigger trigger,
                              bool force_full, RunStatus initial);
  // Runs the phases and finishes the run, whatever happened.
  Job Execute(Begun begun);
  absl::Status RunPhases(Job& run, RunLock& lock, Plan& plan);
  // Phase 1, SYN-08: the integration user is configured and signs in.
  absl::Status CheckIntegrationUser(const Job& run);
  // Phase 2: the mirror catches up with the feed, and the records to write
  // are chosen (SYN-02..06, SYN-10, SYN-11); the run's total is recorded.
  absl::StatusOr<Plan> PlanWrites(Job& run);
  // Phase 3: the records, in batches, each its own unit of work.
  absl::Status WriteRecords(Job& run, RunLock& lock, const Plan& plan);
  // Reads the feed into the mirror; returns the cursor reached.
  absl::StatusOr<int64_t> CatchUpFeed(const std::string& tenant);
  // Writes `items` in batches through `write`, recording each batch.
  // `had_failures`: some record of `object` has a failure recorded (SYN-10).
  template <typename Item, typename WriteFn>
  absl::Status WriteAll(Job& run, RunLock& lock, const std::string& object,
                        const std::vector<Item>& items, bool had_failures, WriteFn write);
  // The one end of every run: its status, message and end time recorded,
  // the history pruned (SYN-09), and the org's lock released.
  void Finish(Begun& begun, RunStatus status, const std::string& message);
  // The end of a run stopped at a safe point: QUEUED again, lock released.
  void Park(Begun& begun);
  // Writes `run`'s row, trying again while the store fails (the database
  // restarting: the pool reconnects) for at most `patience` of real time.
  absl::Status Record(const Job& run, absl::Duration patience);
  static constexpr absl::Duration kRecordPatience = absl::Seconds(30);
  // Stopping: within the shutdown grace.
  static constexpr absl::Duration kRecordWhileStopping = absl::Seconds(2);
  // The org's newest QUEUED run, taken over (lock held) as `initial`; or
  // NOT_FOUND when there is none.
  absl::StatusOr<Job> Resume(const std::vector<Job>& history, RunStatus initial);

  SyncStore& store_;
  CrmStore& crm_;
  ConnectionFeed& feed_;
  const Clock& clock_;
  IdGenerator& ids_;
  const crypto::SecretBox& secrets_;
  int batch_size_;
  std::atomic<bool> stopping_{false};
  std::unique_ptr<work::FairWorkers> workers_;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_RUNNER_H_
