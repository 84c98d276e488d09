#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_STORE_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_STORE_H_

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "profile_svc/crm_sync/rules/sync_model.h"
#include "profile_svc/crm_sync/unit_of_work.h"

namespace engage::profile::sync {

// Held while one org's sync runs; released when destroyed. Exactly one
// holder per org across every replica (a database lock).
class RunLock {
 public:
  virtual ~RunLock() = default;
  // OK while this holder still holds the lock; FAILED_PRECONDITION once it
  // lost it (its database connection dropped or was killed: the server then
  // released it, and another replica may have started the same org). Asked
  // in each batch's unit of work (SyncStore::Atomically), so a batch commits
  // only under the lock.
  virtual absl::Status StillHeld(UnitOfWork& work) = 0;
};

// The Engage side of the sync: settings, runs and their logs, the mirror of
// the connection feed, and the reads that decide what to write to an org.
class SyncStore {
 public:
  virtual ~SyncStore() = default;

  virtual absl::StatusOr<bool> OrgExists(const std::string& tenant, const std::string& org_id) = 0;
  // NOT_FOUND unless the org is one of the tenant's.
  absl::Status RequireOrg(const std::string& tenant, const std::string& org_id);
  // Defaults (hourly, no integration user) when nothing was set.
  virtual absl::StatusOr<Settings> GetSettings(const std::string& tenant,
                                               const std::string& org_id) = 0;
  virtual absl::Status SetIntegrationUser(const std::string& tenant, const std::string& org_id,
                                          const std::string& username,
                                          const std::string& sealed_secret, absl::Time now) = 0;
  // Swaps the sealed password for the same one sealed with the current key
  // (key rotation), only if it still is `old_sealed`.
  virtual absl::Status ReplaceIntegrationSecret(const std::string& tenant,
                                                const std::string& org_id,
                                                const std::string& old_sealed,
                                                const std::string& new_sealed) = 0;
  virtual absl::Status SetInterval(const std::string& tenant, const std::string& org_id,
                                   int minutes, absl::Time now) = 0;
  // (tenant, org) pairs whose schedule says a sync is due at `now`.
  virtual absl::StatusOr<std::vector<std::pair<std::string, std::string>>> DueOrgs(
      absl::Time now) = 0;
  // (tenant, org) pairs with a QUEUED run, on any schedule: a run waiting for
  // a worker (holding the org's lock) or one left to resume (lock free: it was
  // stopped at a safe point, dropped from a stopping replica's queue, or its
  // replica died before it started).
  virtual absl::StatusOr<std::vector<std::pair<std::string, std::string>>> QueuedOrgs() = 0;

  // ABORTED when another replica holds it.
  virtual absl::StatusOr<std::unique_ptr<RunLock>> TryLock(const std::string& tenant,
                                                           const std::string& org_id) = 0;

  // Newest first, at most `limit`.
  virtual absl::StatusOr<std::vector<Job>> History(const std::string& tenant,
                                                   const std::string& org_id, int limit) = 0;
  virtual absl::StatusOr<Job> GetRun(const std::string& tenant, const std::string& org_id,
                                     const std::string& run_id) = 0;
  virtual absl::Status CreateRun(const Job& run) = 0;
  // Counts, status, end time, message and watermarks of `run`.
  virtual absl::Status UpdateRun(const Job& run) = 0;
  // Marks runs left RUNNING by a dead process as failed (SYN-12); call with
  // the lock held. QUEUED runs are left to be resumed (SyncRunner::Begin).
  virtual absl::Status FailInterrupted(const std::string& tenant, const std::string& org_id,
                                       absl::Time now) = 0;
  // Keeps the newest `keep` runs of the org and their logs (SYN-09).
  virtual absl::Status Prune(const std::string& tenant, const std::string& org_id, int keep) = 0;

  // Opens a unit of work, runs `fn` with it and commits it when `fn` returns
  // OK: the calls `fn` hands it to (the CRM writes, RecordBatch, a lock check)
  // commit together or not at all. `fn` may be run again after a deadlock, so
  // it must not keep effects of a failed attempt.
  virtual absl::Status Atomically(const std::function<absl::Status(UnitOfWork&)>& fn) = 0;

  // The results of one written batch: log lines, failure counts (SYN-10) and
  // the run's progress, in one transaction. `run`'s counts already include
  // the batch. `clear_failures` false: none of the records had a failure
  // recorded (SYN-10), so there is nothing to clear for those that went through.
  // Part of `work`, the batch's unit of work.
  virtual absl::Status RecordBatch(UnitOfWork& work, const Job& run, const std::string& object,
                                   const std::vector<WriteResult>& results,
                                   const std::vector<absl::Time>& engage_times,
                                   const std::vector<std::string>& actions,
                                   bool configuration_failure, bool clear_failures) = 0;
  virtual absl::StatusOr<std::map<std::string, RecordFailures>> Failures(
      const std::string& tenant, const std::string& org_id, const std::string& object) = 0;
  // The records a run has logged so far (written or failed), as
  // "<object>/<external id>": a resumed run does not write them again.
  virtual absl::StatusOr<std::set<std::string>> LoggedRecords(const std::string& tenant,
                                                              const std::string& run_id) = 0;
  // Streams the log lines of a run, in order, to `sink` (false stops).
  virtual absl::Status ReadLog(const std::string& tenant, const std::string& run_id, bool errors,
                               const std::function<bool(const LogRow&)>& sink) = 0;

  // The connection mirror.
  virtual absl::StatusOr<int64_t> FeedCursor(const std::string& tenant) = 0;
  virtual absl::Status ApplyFeed(const std::string& tenant,
                                 const std::vector<MirroredConnection>& changes,
                                 int64_t last_sequence) = 0;

  // What an org must hold: profile and connection records whose Engage data
  // changed after (`since_time`, `since_sequence`) — everything for a full
  // run (since = infinite past, 0) — plus the records of the profiles in
  // `retry_profiles` and of the connections in `retry_connections` (SYN-10,
  // SYN-11), when they still belong to the org.
  virtual absl::StatusOr<Work> LoadWork(const std::string& tenant, const std::string& org_id,
                                        absl::Time since_time, int64_t since_sequence,
                                        const std::vector<std::string>& retry_profiles,
                                        const std::vector<std::string>& retry_connections,
                                        absl::Time now) = 0;
  // The newest Engage change time of the tenant's profiles (the next watermark).
  virtual absl::StatusOr<absl::Time> ProfileHighWater(const std::string& tenant) = 0;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_STORE_H_
