#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_SYNC_STORE_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_SYNC_STORE_H_

#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/mysql/pool.h"
#include "profile_svc/crm_sync/rules/sync_plan.h"
#include "profile_svc/crm_sync/sync_store.h"

namespace engage::profile::sync {

// SyncStore over the shared schema: sync_* tables for the sync's own state,
// and read-only queries of profiles, users, details, account links and merges
// for what to write. Split in two files: this one (state) and
// mysql_sync_work.cc (LoadWork).
class MysqlSyncStore final : public SyncStore {
 public:
  explicit MysqlSyncStore(mysql::Pool& pool) : pool_(pool), lock_pool_(pool) {}
  // Run locks on connections of their own (SEC-11): a queued or running sync
  // holds one for its whole run, never one the store's other work needs.
  MysqlSyncStore(mysql::Pool& pool, mysql::Pool& lock_pool) : pool_(pool), lock_pool_(lock_pool) {}

  absl::StatusOr<bool> OrgExists(const std::string& tenant, const std::string& org_id) override;
  absl::StatusOr<Settings> GetSettings(const std::string& tenant,
                                       const std::string& org_id) override;
  absl::Status SetIntegrationUser(const std::string& tenant, const std::string& org_id,
                                  const std::string& username, const std::string& sealed_secret,
                                  absl::Time now) override;
  absl::Status ReplaceIntegrationSecret(const std::string& tenant, const std::string& org_id,
                                        const std::string& old_sealed,
                                        const std::string& new_sealed) override;
  absl::Status SetInterval(const std::string& tenant, const std::string& org_id, int minutes,
                           absl::Time now) override;
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> DueOrgs(absl::Time now) override;
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> QueuedOrgs() override;
  absl::StatusOr<std::unique_ptr<RunLock>> TryLock(const std::string& tenant,
                                                   const std::string& org_id) override;
  absl::StatusOr<std::vector<Job>> History(const std::string& tenant, const std::string& org_id,
                                           int limit) override;
  absl::StatusOr<Job> GetRun(const std::string& tenant, const std::string& org_id,
                             const std::string& run_id) override;
  absl::Status CreateRun(const Job& run) override;
  absl::Status UpdateRun(const Job& run) override;
  absl::Status FailInterrupted(const std::string& tenant, const std::string& org_id,
                               absl::Time now) override;
  absl::Status Prune(const std::string& tenant, const std::string& org_id, int keep) override;
  absl::Status Atomically(const std::function<absl::Status(UnitOfWork&)>& fn) override;
  absl::Status RecordBatch(UnitOfWork& work, const Job& run, const std::string& object,
                           const std::vector<WriteResult>& results,
                           const std::vector<absl::Time>& engage_times,
                           const std::vector<std::string>& actions, bool configuration_failure,
                           bool clear_failures) override;
  absl::StatusOr<std::map<std::string, RecordFailures>> Failures(
      const std::string& tenant, const std::string& org_id, const std::string& object) override;
  absl::StatusOr<std::set<std::string>> LoggedRecords(const std::string& tenant,
                                                      const std::string& run_id) override;
  absl::Status ReadLog(const std::string& tenant, const std::string& run_id, bool errors,
                       const std::function<bool(const LogRow&)>& sink) override;
  absl::StatusOr<int64_t> FeedCursor(const std::string& tenant) override;
  absl::Status ApplyFeed(const std::string& tenant, const std::vector<MirroredConnection>& changes,
                         int64_t last_sequence) override;
  absl::StatusOr<Work> LoadWork(const std::string& tenant, const std::string& org_id,
                                absl::Time since_time, int64_t since_sequence,
                                const std::vector<std::string>& retry_profiles,
                                const std::vector<std::string>& retry_connections,
                                absl::Time now) override;
  absl::StatusOr<absl::Time> ProfileHighWater(const std::string& tenant) override;

 private:
  absl::Status LoadStaff(const std::string& tenant, const std::string& org_id, OrgStaff& staff);
  absl::StatusOr<std::function<std::string(const std::string&)>> LoadMerges(
      const std::string& tenant, const std::string& org_id);
  absl::StatusOr<Work> LoadFullWork(const std::string& tenant, const std::string& org_id,
                                    const std::vector<std::string>& retry_profiles, absl::Time now);
  // Issue 17 (MoveUser): deactivations of the org's active connection records
  // from CRM users who left it and did not come back, added to `work`.
  absl::Status AddDepartures(const std::string& tenant, const std::string& org_id, Work& work);
  mysql::Pool& pool_;
  mysql::Pool& lock_pool_;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_SYNC_STORE_H_
