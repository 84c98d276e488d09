#include "profile_svc/crm_sync/mysql_sync_store.h"

#include <condition_variable>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/mysql/lock_name.h"
#include "common/status/status_macros.h"
#include "profile_svc/crm_sync/mysql_unit_of_work.h"

namespace engage::profile::sync {
namespace {

using mysql::Params;
using mysql::Row;
using mysql::Session;
using mysql::TimeOrNull;

constexpr char kRunColumns[] =
    "tenant_id, org_id, run_id, mode, run_trigger, status, start_time, end_time, total_records, "
    "done_records, written_records, failed_records, message, profile_watermark, feed_watermark";

Job RunFromRow(const Row& r) {
  Job run;
  run.tenant = r.String(0);
  run.org_id = r.String(1);
  run.run_id = r.String(2);
  run.mode = static_cast<Mode>(r.Int(3));
  run.trigger = static_cast<Trigger>(r.Int(4));
  run.status = static_cast<RunStatus>(r.Int(5));
  run.start_time = r.Time(6);
  run.end_time = r.Time(7);
  run.total = r.Int(8);
  run.done = r.Int(9);
  run.written = r.Int(10);
  run.failed = r.Int(11);
  run.message = r.String(12);
  run.profile_watermark = r.Time(13);
  run.feed_watermark = r.Int(14);
  return run;
}

// A GET_LOCK held on one pooled connection for as long as the object lives.
// The connection is kept busy by a thread that waits for release, so the
// lock cannot be lost to another caller of the pool. The holder's connection
// id is kept, so a run can prove it still holds the lock: if that connection
// dropped, the server released the lock (IS_USED_LOCK is NULL or another
// connection's id).
class MysqlRunLock final : public RunLock {
 public:
  MysqlRunLock(mysql::Pool& pool, std::string name) : pool_(pool), name_(std::move(name)) {
    holder_ = std::thread([this] {
      absl::Status ran = pool_.Run([this](Session& s) -> absl::Status {
        auto got = s.Query(
            absl::StrCat("SELECT GET_LOCK(", mysql::kLockNameOf, ", 0), CONNECTION_ID()"), {name_});
        {
          std::lock_guard<std::mutex> lock(mu_);
          acquired_ = got.ok() && !got->empty() && got->front().Int(0) == 1;
          if (acquired_) holder_connection_ = got->front().Int(1);
          error_ = got.ok() ? absl::OkStatus() : got.status();
          decided_ = true;
        }
        cv_.notify_all();
        if (!acquired_) return absl::OkStatus();
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return released_; });
        return s.Query(absl::StrCat("SELECT RELEASE_LOCK(", mysql::kLockNameOf, ")"), {name_})
            .status();
      });
      std::lock_guard<std::mutex> lock(mu_);
      // No connection at all (pool exhausted, database gone) is an error, not "held elsewhere".
      if (!decided_) error_ = ran;
      decided_ = true;
      cv_.notify_all();
    });
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return decided_; });
  }
  ~MysqlRunLock() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      released_ = true;
    }
    cv_.notify_all();
    holder_.join();
  }
  bool acquired() const { return acquired_; }
  absl::Status error() const { return error_; }

  // Asked on the batch's own connection: the lock's state is the server's,
  // the same from every connection.
  absl::Status StillHeld(UnitOfWork& work) override {
    ASSIGN_OR_RETURN(Session * session, MysqlUnitOfWork::SessionOf(work));
    Session& s = *session;
    ASSIGN_OR_RETURN(
        auto used, s.Query(absl::StrCat("SELECT IS_USED_LOCK(", mysql::kLockNameOf, ")"), {name_}));
    if (used.empty() || used.front().IsNull(0) || used.front().Int(0) != holder_connection_) {
      return absl::FailedPreconditionError(
          "SYN-07: this run no longer holds its org's sync lock (its database connection "
          "was lost), so it stopped to leave the org to one run at a time");
    }
    return absl::OkStatus();
  }

 private:
  mysql::Pool& pool_;
  std::string name_;
  std::thread holder_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool decided_ = false;
  bool acquired_ = false;
  bool released_ = false;
  int64_t holder_connection_ = -1;
  absl::Status error_;
};

}  // namespace

absl::Status SyncStore::RequireOrg(const std::string& tenant, const std::string& org_id) {
  ASSIGN_OR_RETURN(auto exists, OrgExists(tenant, org_id));
  if (!exists) return absl::NotFoundError(absl::StrCat("org ", org_id, " not found"));
  return absl::OkStatus();
}

absl::StatusOr<bool> MysqlSyncStore::OrgExists(const std::string& tenant,
                                               const std::string& org_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query("SELECT 1 FROM crm_orgs WHERE tenant_id = ? AND org_id = ?", {tenant, org_id}));
  return !rows.empty();
}

absl::StatusOr<Settings> MysqlSyncStore::GetSettings(const std::string& tenant,
                                                     const std::string& org_id) {
  ASSIGN_OR_RETURN(auto rows, pool_.Query("SELECT interval_minutes, integration_username, "
                                          "integration_secret_sealed FROM sync_settings "
                                          "WHERE tenant_id = ? AND org_id = ?",
                                          {tenant, org_id}));
  Settings s;
  if (!rows.empty()) {
    s.interval_minutes = static_cast<int>(rows.front().Int(0));
    s.integration_username = rows.front().String(1);
    s.integration_secret_sealed = rows.front().String(2);
  }
  return s;
}

absl::Status MysqlSyncStore::SetIntegrationUser(const std::string& tenant,
                                                const std::string& org_id,
                                                const std::string& username,
                                                const std::string& sealed_secret, absl::Time now) {
  return pool_
      .Execute(
          "INSERT INTO sync_settings (tenant_id, org_id, integration_username, "
          "integration_secret_sealed, update_time) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
          "integration_username = VALUES(integration_username), "
          "integration_secret_sealed = VALUES(integration_secret_sealed), update_time = "
          "VALUES(update_time)",
          {tenant, org_id, username, sealed_secret, now})
      .status();
}

absl::Status MysqlSyncStore::ReplaceIntegrationSecret(const std::string& tenant,
                                                      const std::string& org_id,
                                                      const std::string& old_sealed,
                                                      const std::string& new_sealed) {
  return pool_
      .Execute(
          "UPDATE sync_settings SET integration_secret_sealed = ? "
          "WHERE tenant_id = ? AND org_id = ? AND integration_secret_sealed = ?",
          {new_sealed, tenant, org_id, old_sealed})
      .status();
}

absl::Status MysqlSyncStore::SetInterval(const std::string& tenant, const std::string& org_id,
                                         int minutes, absl::Time now) {
  return pool_
      .Execute(
          "INSERT INTO sync_settings (tenant_id, org_id, interval_minutes, update_time) "
          "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE interval_minutes = "
          "VALUES(interval_minutes), "
          "update_time = VALUES(update_time)",
          {tenant, org_id, int64_t{minutes}, now})
      .status();
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> MysqlSyncStore::DueOrgs(
    absl::Time now) {
  // Every org with a schedule (explicit or the hourly default) whose last
  // run started at least one interval ago.
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT o.tenant_id, o.org_id FROM crm_orgs o "
          "LEFT JOIN sync_settings s ON s.tenant_id = o.tenant_id AND s.org_id = o.org_id "
          "WHERE COALESCE(s.interval_minutes, 60) > 0 AND NOT EXISTS ("
          " SELECT 1 FROM sync_runs r WHERE r.tenant_id = o.tenant_id AND r.org_id = o.org_id"
          " AND r.start_time > ? - INTERVAL COALESCE(s.interval_minutes, 60) MINUTE)",
          {now}));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : rows) out.emplace_back(r.String(0), r.String(1));
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> MysqlSyncStore::QueuedOrgs() {
  // sync_runs keeps at most 10 runs per org (SYN-09): a scan is small.
  ASSIGN_OR_RETURN(auto rows, pool_.Query("SELECT DISTINCT tenant_id, org_id FROM sync_runs WHERE "
                                          "status = ? ORDER BY tenant_id, org_id",
                                          {int64_t{static_cast<int>(RunStatus::kQueued)}}));
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : rows) out.emplace_back(r.String(0), r.String(1));
  return out;
}

absl::StatusOr<std::unique_ptr<RunLock>> MysqlSyncStore::TryLock(const std::string& tenant,
                                                                 const std::string& org_id) {
  std::string name = absl::StrCat("sync/", tenant, "/", org_id);
  auto lock = std::make_unique<MysqlRunLock>(lock_pool_, name);
  if (!lock->error().ok()) return lock->error();
  if (!lock->acquired()) {
    return absl::AbortedError("SYN-07: a sync of this org is already running");
  }
  return std::unique_ptr<RunLock>(std::move(lock));
}

absl::StatusOr<std::vector<Job>> MysqlSyncStore::History(const std::string& tenant,
                                                         const std::string& org_id, int limit) {
  ASSIGN_OR_RETURN(auto rows,
                   pool_.Query(absl::StrCat("SELECT ", kRunColumns,
                                            " FROM sync_runs WHERE tenant_id = ? AND org_id = ? "
                                            "ORDER BY start_time DESC, run_id DESC LIMIT ?"),
                               {tenant, org_id, int64_t{limit}}));
  std::vector<Job> out;
  for (const auto& r : rows) out.push_back(RunFromRow(r));
  return out;
}

absl::StatusOr<Job> MysqlSyncStore::GetRun(const std::string& tenant, const std::string& org_id,
                                           const std::string& run_id) {
  ASSIGN_OR_RETURN(
      auto rows, pool_.Query(absl::StrCat("SELECT ", kRunColumns,
                                          " FROM sync_runs WHERE tenant_id = ? AND org_id = ? AND "
                                          "run_id = ?"),
                             {tenant, org_id, run_id}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("sync job ", run_id, " not found"));
  return RunFromRow(rows.front());
}

absl::Status MysqlSyncStore::CreateRun(const Job& run) {
  return pool_
      .Execute(absl::StrCat("INSERT INTO sync_runs (", kRunColumns,
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {run.tenant, run.org_id, run.run_id, int64_t{static_cast<int>(run.mode)},
                int64_t{static_cast<int>(run.trigger)}, int64_t{static_cast<int>(run.status)},
                run.start_time, TimeOrNull(run.end_time), run.total, run.done, run.written,
                run.failed, run.message, TimeOrNull(run.profile_watermark), run.feed_watermark})
      .status();
}

absl::Status MysqlSyncStore::UpdateRun(const Job& run) {
  return pool_
      .Execute(
          "UPDATE sync_runs SET mode = ?, status = ?, end_time = ?, total_records = ?, "
          "done_records = ?, written_records = ?, failed_records = ?, message = ?, "
          "profile_watermark = ?, feed_watermark = ? WHERE tenant_id = ? AND org_id = ? AND run_id "
          "= ?",
          {int64_t{static_cast<int>(run.mode)}, int64_t{static_cast<int>(run.status)},
           TimeOrNull(run.end_time), run.total, run.done, run.written, run.failed,
           run.message.substr(0, 1000), TimeOrNull(run.profile_watermark), run.feed_watermark,
           run.tenant, run.org_id, run.run_id})
      .status();
}

absl::Status MysqlSyncStore::FailInterrupted(const std::string& tenant, const std::string& org_id,
                                             absl::Time now) {
  return pool_
      .Execute(
          "UPDATE sync_runs SET status = ?, end_time = ?, message = 'interrupted before it "
          "finished; the next sync completes its work' WHERE tenant_id = ? AND org_id = ? AND "
          "status = ?",
          {int64_t{static_cast<int>(RunStatus::kFailure)}, now, tenant, org_id,
           int64_t{static_cast<int>(RunStatus::kRunning)}})
      .status();
}

absl::Status MysqlSyncStore::Prune(const std::string& tenant, const std::string& org_id, int keep) {
  ASSIGN_OR_RETURN(auto old,
                   pool_.Query("SELECT run_id FROM sync_runs WHERE tenant_id = ? AND org_id = ? "
                               "ORDER BY start_time DESC, run_id DESC LIMIT 1000000 OFFSET ?",
                               {tenant, org_id, int64_t{keep}}));
  for (const auto& r : old) {
    absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
      if (auto d = s.Execute("DELETE FROM sync_log WHERE tenant_id = ? AND run_id = ?",
                             {tenant, r.String(0)});
          !d.ok()) {
        return d.status();
      }
      return s
          .Execute("DELETE FROM sync_runs WHERE tenant_id = ? AND org_id = ? AND run_id = ?",
                   {tenant, org_id, r.String(0)})
          .status();
    });
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status MysqlSyncStore::Atomically(const std::function<absl::Status(UnitOfWork&)>& fn) {
  return MysqlUnitOfWork::Run(pool_, fn);
}

absl::Status MysqlSyncStore::RecordBatch(UnitOfWork& work, const Job& run,
                                         const std::string& object,
                                         const std::vector<WriteResult>& results,
                                         const std::vector<absl::Time>& engage_times,
                                         const std::vector<std::string>& actions,
                                         bool configuration_failure, bool clear_failures) {
  ASSIGN_OR_RETURN(Session * session, MysqlUnitOfWork::SessionOf(work));
  Session& s = *session;
  // Log lines are numbered by record: `run.done` already counts this batch.
  int64_t line = run.done - static_cast<int64_t>(results.size());
  // One multi-row insert for the log of the batch, one delete for the
  // failure counts of the records that now went through.
  std::vector<std::string> tuples;
  Params params;
  std::vector<std::string> succeeded;
  for (size_t i = 0; i < results.size(); ++i) {
    const WriteResult& r = results[i];
    tuples.push_back("(?, ?, ?, ?, ?, ?, ?, ?)");
    params.insert(params.end(),
                  {run.tenant, run.run_id, !r.ok, ++line, std::string(object), r.external_id,
                   r.ok ? actions[i] : std::string("failed"), r.message.substr(0, 1000)});
    if (r.ok) {
      succeeded.push_back(r.external_id);
    } else if (!configuration_failure) {
      // SYN-10: count the failure; a record changed since its last failure starts afresh.
      ASSIGN_OR_RETURN(
          auto prior,
          s.Query(
              "SELECT consecutive, last_engage_time FROM sync_record_failures WHERE tenant_id = ? "
              "AND org_id = ? AND object = ? AND external_id = ? FOR UPDATE",
              {run.tenant, run.org_id, std::string(object), r.external_id}));
      RecordFailures f;
      if (!prior.empty()) {
        f.consecutive = static_cast<int>(prior.front().Int(0));
        f.last_failure_engage_version_time = prior.front().Time(1);
      }
      f = AfterFailure(f, engage_times[i], false);
      if (auto u = s.Execute(
              "INSERT INTO sync_record_failures (tenant_id, org_id, object, external_id, "
              "consecutive, last_engage_time) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
              "consecutive = VALUES(consecutive), last_engage_time = VALUES(last_engage_time)",
              {run.tenant, run.org_id, std::string(object), r.external_id, int64_t{f.consecutive},
               f.last_failure_engage_version_time});
          !u.ok()) {
        return u.status();
      }
    }
  }
  if (clear_failures && !succeeded.empty()) {
    std::vector<std::string> marks(succeeded.size(), "?");
    Params ids = {run.tenant, run.org_id, std::string(object)};
    ids.insert(ids.end(), succeeded.begin(), succeeded.end());
    RETURN_IF_ERROR(
        s.Execute(
             absl::StrCat("DELETE FROM sync_record_failures WHERE tenant_id = ? AND org_id = ? AND "
                          "object = ? AND external_id IN (",
                          absl::StrJoin(marks, ","), ")"),
             ids)
            .status());
  }
  if (!tuples.empty()) {
    RETURN_IF_ERROR(
        s.Execute(absl::StrCat("INSERT INTO sync_log (tenant_id, run_id, is_error, line, object, "
                               "external_id, action, message) VALUES ",
                               absl::StrJoin(tuples, ", ")),
                  params)
            .status());
  }
  return s
      .Execute(
          "UPDATE sync_runs SET done_records = ?, written_records = ?, failed_records = ?, "
          "total_records = ? WHERE tenant_id = ? AND org_id = ? AND run_id = ?",
          {run.done, run.written, run.failed, run.total, run.tenant, run.org_id, run.run_id})
      .status();
}

absl::StatusOr<std::map<std::string, RecordFailures>> MysqlSyncStore::Failures(
    const std::string& tenant, const std::string& org_id, const std::string& object) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query("SELECT external_id, consecutive, last_engage_time FROM sync_record_failures "
                  "WHERE tenant_id = ? AND org_id = ? AND object = ?",
                  {tenant, org_id, object}));
  std::map<std::string, RecordFailures> out;
  for (const auto& r : rows) {
    out[r.String(0)] = RecordFailures{static_cast<int>(r.Int(1)), r.Time(2)};
  }
  return out;
}

absl::StatusOr<std::set<std::string>> MysqlSyncStore::LoggedRecords(const std::string& tenant,
                                                                    const std::string& run_id) {
  std::set<std::string> out;
  RETURN_IF_ERROR(ReadLog(tenant, run_id, false, [&](const LogRow& row) {
    out.insert(absl::StrCat(row.object, "/", row.external_id));
    return true;
  }));
  RETURN_IF_ERROR(ReadLog(tenant, run_id, true, [&](const LogRow& row) {
    out.insert(absl::StrCat(row.object, "/", row.external_id));
    return true;
  }));
  return out;
}

absl::Status MysqlSyncStore::ReadLog(const std::string& tenant, const std::string& run_id,
                                     bool errors, const std::function<bool(const LogRow&)>& sink) {
  int64_t after = 0;
  while (true) {
    ASSIGN_OR_RETURN(
        auto rows, pool_.Query("SELECT line, object, external_id, action, message FROM sync_log "
                               "WHERE tenant_id = ? AND "
                               "run_id = ? AND is_error = ? AND line > ? ORDER BY line LIMIT 1000",
                               {tenant, run_id, errors, after}));
    if (rows.empty()) return absl::OkStatus();
    for (const auto& r : rows) {
      after = r.Int(0);
      if (!sink({r.String(1), r.String(2), r.String(3), r.String(4)})) return absl::OkStatus();
    }
  }
}

absl::StatusOr<int64_t> MysqlSyncStore::FeedCursor(const std::string& tenant) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query("SELECT last_sequence FROM sync_feed_cursor WHERE tenant_id = ?", {tenant}));
  return rows.empty() ? 0 : rows.front().Int(0);
}

absl::Status MysqlSyncStore::ApplyFeed(const std::string& tenant,
                                       const std::vector<MirroredConnection>& changes,
                                       int64_t last_sequence) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    if (!changes.empty()) {
      std::vector<std::string> tuples;
      Params params;
      for (const auto& c : changes) {
        tuples.push_back("(?, ?, ?, ?, ?, ?, ?)");
        params.insert(params.end(),
                      {tenant, c.connection_id, c.field_user_profile_id, c.hcp_profile_id, c.active,
                       TimeOrNull(c.inactivation_time), c.changed_sequence});
      }
      RETURN_IF_ERROR(
          s.Execute(absl::StrCat(
                        "INSERT INTO sync_connection_mirror (tenant_id, connection_id, "
                        "field_user_profile_id, hcp_profile_id, active, inactivation_time, "
                        "changed_sequence) VALUES ",
                        absl::StrJoin(tuples, ", "),
                        // Only a newer change wins: two orgs' runs may apply the
                        // shared feed concurrently, an older page must not undo a newer.
                        " ON DUPLICATE KEY UPDATE "
                        "active = IF(VALUES(changed_sequence) > changed_sequence, VALUES(active), "
                        "active), "
                        "inactivation_time = IF(VALUES(changed_sequence) > changed_sequence, "
                        "VALUES(inactivation_time), inactivation_time), "
                        "changed_sequence = GREATEST(changed_sequence, VALUES(changed_sequence))"),
                    params)
              .status());
    }
    return s
        .Execute(
            "INSERT INTO sync_feed_cursor (tenant_id, last_sequence) VALUES (?, ?) "
            "ON DUPLICATE KEY UPDATE last_sequence = GREATEST(last_sequence, "
            "VALUES(last_sequence))",
            {tenant, last_sequence})
        .status();
  });
}

absl::StatusOr<absl::Time> MysqlSyncStore::ProfileHighWater(const std::string& tenant) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query("SELECT MAX(update_time) FROM profiles WHERE tenant_id = ?", {tenant}));
  return rows.front().Time(0);
}

}  // namespace engage::profile::sync
