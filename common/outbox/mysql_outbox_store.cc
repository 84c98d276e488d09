#include "common/outbox/mysql_outbox_store.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"

namespace engage::outbox {

using mysql::Session;

namespace {

constexpr int64_t kPending = static_cast<int64_t>(State::kPending);
constexpr int64_t kSent = static_cast<int64_t>(State::kSent);
constexpr int64_t kFailed = static_cast<int64_t>(State::kFailed);
constexpr size_t kMaxError = 1000;

// Table and column names are spliced into SQL; only plain identifiers pass.
void RequireIdentifier(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok) {
    log::Error("outbox table or column name is not a plain identifier", {{"name", name}});
    std::abort();
  }
}

// The columns every read selects (columns_), in this order, then the payload
// columns.
constexpr size_t kPayload = 9;

Status ToStatus(const mysql::Row& r) {
  Status s;
  r.Into(s.id, s.key, s.position, s.state, s.attempts, s.last_error, s.create_time,
         s.next_attempt_time, s.done_time);
  for (size_t i = kPayload; i < r.size(); ++i) s.payload.push_back(r.String(i));
  return s;
}

std::string EnqueueSignal(const OutboxTable& t) { return "outbox." + t.name; }

// Times go to DATETIME(6): a lease is compared with what was written.
absl::Time Micros(absl::Time t) { return absl::FromUnixMicros(absl::ToUnixMicros(t)); }

}  // namespace

void WakeAfterCommit(Session& s, const OutboxTable& t) { s.RaiseAfterCommit(EnqueueSignal(t)); }

absl::Status Enqueue(Session& s, const OutboxTable& t, const NewMessage& m) {
  if (m.payload.size() != t.payload_columns.size()) {
    return absl::InternalError(absl::StrCat("outbox ", t.name, ": ", m.payload.size(),
                                            " payload values for ", t.payload_columns.size(),
                                            " columns"));
  }
  std::vector<std::string> cols = {"tenant_id", t.id_column,         t.key_column, t.state_column,
                                   "attempts",  "next_attempt_time", "last_error", "create_time"};
  mysql::Params params = {m.tenant, m.id, m.key, kPending, int64_t{0}, m.now, std::string(), m.now};
  if (m.position > 0) {
    cols.push_back(t.position_column);
    params.push_back(m.position);
  }
  for (size_t i = 0; i < m.payload.size(); ++i) {
    cols.push_back(t.payload_columns[i]);
    params.push_back(m.payload[i]);
  }
  const std::string marks = absl::StrJoin(std::vector<std::string>(cols.size(), "?"), ", ");
  RETURN_IF_ERROR(s.Execute(absl::StrCat("INSERT INTO ", t.name, " (", absl::StrJoin(cols, ", "),
                                         ") VALUES (", marks, ")"),
                            params)
                      .status());
  WakeAfterCommit(s, t);
  return absl::OkStatus();
}

namespace {
// ", a = '', b = ''" for the columns a finished message no longer keeps.
std::string ClearWhenDone(const OutboxTable& t) {
  std::string clear;
  for (const auto& c : t.clear_when_done_columns) absl::StrAppend(&clear, ", ", c, " = ''");
  return clear;
}
}  // namespace

absl::Status GiveUp(Session& s, const OutboxTable& t, const std::string& tenant,
                    const std::string& id, const std::string& why, absl::Time now) {
  const std::string clear = ClearWhenDone(t);
  return s
      .Execute(absl::StrCat("UPDATE ", t.name, " SET ", t.state_column, " = ?, last_error = ?, ",
                            t.done_time_column, " = ?", clear, " WHERE tenant_id = ? AND ",
                            t.id_column, " = ? AND ", t.state_column, " = ?"),
               {kFailed, why, now, tenant, id, kPending})
      .status();
}

MysqlOutboxStore::MysqlOutboxStore(mysql::Pool& pool, OutboxTable table, absl::Duration lease)
    : pool_(pool), table_(std::move(table)), lease_(lease) {
  RequireIdentifier(table_.name);
  for (const auto* c : {&table_.id_column, &table_.key_column, &table_.position_column,
                        &table_.state_column, &table_.done_time_column}) {
    RequireIdentifier(*c);
  }
  for (const auto& c : table_.payload_columns) RequireIdentifier(c);
  for (const auto& c : table_.clear_when_done_columns) RequireIdentifier(c);
  clear_when_done_ = ClearWhenDone(table_);
  std::vector<std::string> cols = {
      table_.id_column,    table_.key_column,   table_.position_column,
      table_.state_column, "attempts",          "last_error",
      "create_time",       "next_attempt_time", table_.done_time_column};
  cols.insert(cols.end(), table_.payload_columns.begin(), table_.payload_columns.end());
  columns_ = absl::StrJoin(cols, ", ");
}

absl::StatusOr<std::vector<std::string>> MysqlOutboxStore::TenantsWithPending() {
  // The one query across tenants: the dispatcher finds whose outbox has
  // work, then works per tenant. Sorted, so the dispatcher's rotating start (SEC-11)
  // walks a stable order.
  ASSIGN_OR_RETURN(
      auto rows, pool_.Query(absl::StrCat("SELECT DISTINCT tenant_id FROM ", table_.name, " WHERE ",
                                          table_.state_column, " = ? ORDER BY tenant_id"),
                             {kPending}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.String(0));
  return out;
}

absl::StatusOr<std::vector<std::string>> MysqlOutboxStore::Due(const std::string& tenant,
                                                               absl::Time now, int limit) {
  const OutboxTable& t = table_;
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          absl::StrCat("SELECT d.", t.id_column, " FROM ", t.name, " d WHERE d.", t.state_column,
                       " = ? AND d.tenant_id = ? AND d.next_attempt_time "
                       "<= ? AND NOT EXISTS (SELECT 1 FROM ",
                       t.name, " e WHERE e.tenant_id = d.tenant_id AND e.", t.key_column, " = d.",
                       t.key_column, " AND e.", t.state_column, " = ? AND (e.", t.position_column,
                       " < d.", t.position_column, " OR (e.", t.position_column, " = d.",
                       t.position_column, " AND e.", t.id_column, " < d.", t.id_column,
                       "))) ORDER BY d.create_time, d.", t.id_column, " LIMIT ?"),
          {kPending, tenant, now, kPending, int64_t{limit}}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.String(0));
  return out;
}

absl::StatusOr<bool> MysqlOutboxStore::Claim(const std::string& tenant, const std::string& id,
                                             absl::Time now, absl::Time lease_until, Message& m,
                                             absl::Time& was_due) {
  const OutboxTable& t = table_;
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<bool> {
    // SKIP LOCKED: a message another dispatcher is claiming is its job; one
    // it has claimed is not due (its lease) and is skipped below.
    ASSIGN_OR_RETURN(auto rows, s.Query(absl::StrCat("SELECT ", columns_, " FROM ", t.name,
                                                     " WHERE tenant_id = ? AND ", t.id_column,
                                                     " = ? FOR UPDATE SKIP LOCKED"),
                                        {tenant, id}));
    if (rows.empty()) return false;
    const Status row = ToStatus(rows.front());
    if (row.state != State::kPending || row.next_attempt_time > now) return false;
    // Equal positions (a caller-set position, e.g. a document's version
    // queued twice) go in id order; AUTO_INCREMENT positions never tie.
    ASSIGN_OR_RETURN(auto earlier,
                     s.Query(absl::StrCat("SELECT 1 FROM ", t.name, " WHERE tenant_id = ? AND ",
                                          t.key_column, " = ? AND ", t.state_column, " = ? AND (",
                                          t.position_column, " < ? OR (", t.position_column,
                                          " = ? AND ", t.id_column, " < ?)) LIMIT 1"),
                             {tenant, row.key, kPending, row.position, row.position, row.id}));
    if (!earlier.empty()) return false;
    // The lease: not due (so no other dispatcher's) until it lapses. Still
    // pending, so the later messages of its key keep waiting.
    RETURN_IF_ERROR(s.Execute(absl::StrCat("UPDATE ", t.name,
                                           " SET next_attempt_time = ? WHERE tenant_id = ? AND ",
                                           t.id_column, " = ?"),
                              {lease_until, tenant, id})
                        .status());
    m = Message();
    m.tenant = tenant;
    m.id = row.id;
    m.key = row.key;
    m.position = row.position;
    m.attempts = row.attempts;
    m.create_time = row.create_time;
    m.payload = row.payload;
    was_due = row.next_attempt_time;
    return true;
  });
}

absl::StatusOr<Store::Processed> MysqlOutboxStore::Process(
    const std::string& tenant, const std::string& id, absl::Time now,
    const std::function<absl::StatusOr<Record>(const Message&)>& attempt) {
  const OutboxTable& t = table_;
  // The lease's end is also the claim's token: a later claim of the same
  // message can only start after it, so it writes a later one.
  const absl::Time lease_until = Micros(now + lease_);
  Message m;
  absl::Time was_due;
  ASSIGN_OR_RETURN(const bool claimed, Claim(tenant, id, now, lease_until, m, was_due));
  if (!claimed) return Processed::kSkipped;

  // No transaction open and no connection held while the target is called.
  const std::string mine = absl::StrCat(" WHERE tenant_id = ? AND ", t.id_column, " = ? AND ",
                                        t.state_column, " = ? AND next_attempt_time = ?");
  absl::StatusOr<Record> rec = attempt(m);
  if (!rec.ok()) {
    // Nothing recorded: the message is due again as it was.
    auto back = pool_.Execute(absl::StrCat("UPDATE ", t.name, " SET next_attempt_time = ?", mine),
                              {was_due, tenant, id, kPending, lease_until});
    if (!back.ok()) {
      log::Warn("outbox claim not given back (it lapses with its lease)",
                {{"outbox", t.name}, {"id", id}, {"error", back.status().ToString()}});
    }
    return rec.status();
  }
  const std::string error = rec->error.substr(0, kMaxError);
  ASSIGN_OR_RETURN(
      const uint64_t updated,
      rec->state == State::kPending
          ? pool_.Execute(absl::StrCat("UPDATE ", t.name,
                                       " SET attempts = attempts + 1, next_attempt_time = ?, "
                                       "last_error = ?",
                                       mine),
                          {rec->next_attempt, error, tenant, id, kPending, lease_until})
          : pool_.Execute(
                absl::StrCat("UPDATE ", t.name, " SET ", t.state_column, " = ?, ",
                             t.done_time_column, " = ?, attempts = attempts + ?, last_error = ?",
                             clear_when_done_, mine),
                {static_cast<int64_t>(rec->state), now,
                 int64_t{rec->state == State::kFailed ? 1 : 0}, error, tenant, id, kPending,
                 lease_until}));
  if (updated == 0) {
    // The lease lapsed and another dispatcher claimed it: its outcome counts.
    log::Warn("outbox lease lapsed before the outcome was recorded",
              {{"outbox", t.name}, {"tenant", tenant}, {"id", id}});
    return Processed::kSkipped;
  }
  return rec->state == State::kSent     ? Processed::kDelivered
         : rec->state == State::kFailed ? Processed::kGaveUp
                                        : Processed::kFailed;
}

absl::StatusOr<bool> MysqlOutboxStore::AnyDue(absl::Time now) {
  const OutboxTable& t = table_;
  // One range of the wake index (state, next_attempt_time): pending and due,
  // whatever the tenant; leased and backing-off messages are past it. Each
  // candidate costs one probe of the order index for an earlier pending
  // message of its key (followers of a failing message are skipped here).
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(absl::StrCat("SELECT 1 FROM ", t.name, " d WHERE d.", t.state_column,
                               " = ? AND d.next_attempt_time <= ? AND NOT EXISTS (SELECT 1 FROM ",
                               t.name, " e WHERE e.tenant_id = d.tenant_id AND e.", t.key_column,
                               " = d.", t.key_column, " AND e.", t.state_column, " = ? AND (e.",
                               t.position_column, " < d.", t.position_column, " OR (e.",
                               t.position_column, " = d.", t.position_column, " AND e.",
                               t.id_column, " < d.", t.id_column, "))) LIMIT 1"),
                  {kPending, now, kPending}));
  return !rows.empty();
}

absl::StatusOr<int64_t> MysqlOutboxStore::PurgeSent(absl::Time sent_before, int limit) {
  const OutboxTable& t = table_;
  // One short range of (state, done time); replicas purging at once only
  // wait for each other's row locks.
  ASSIGN_OR_RETURN(auto deleted,
                   pool_.Execute(absl::StrCat("DELETE FROM ", t.name, " WHERE ", t.state_column,
                                              " = ? AND ", t.done_time_column, " < ? LIMIT ?"),
                                 {kSent, sent_before, int64_t{limit}}));
  return static_cast<int64_t>(deleted);
}

int MysqlOutboxStore::WatchEnqueues(std::function<void()> wake) {
  return pool_.Subscribe(EnqueueSignal(table_), std::move(wake));
}

void MysqlOutboxStore::Unwatch(int id) { pool_.Unsubscribe(id); }

absl::StatusOr<Counts> MysqlOutboxStore::CountsOf(const std::string& tenant) {
  const OutboxTable& t = table_;
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(absl::StrCat("SELECT COALESCE(SUM(", t.state_column, " = ?), 0), COALESCE(SUM(",
                               t.state_column, " = ? AND attempts > 0), 0), COALESCE(SUM(",
                               t.state_column, " = ?), 0) FROM ", t.name,
                               " WHERE tenant_id = ? AND ", t.state_column, " <> ?"),
                  {kPending, kPending, kFailed, tenant, kSent}));
  Counts c;
  c.pending = rows.front().Int(0);
  c.failing = rows.front().Int(1);
  c.failed = rows.front().Int(2);
  return c;
}

absl::StatusOr<std::map<std::string, Counts>> MysqlOutboxStore::AllCounts() {
  const OutboxTable& t = table_;
  // Gauges for every tenant at once; sent rows (the bulk) are not read.
  ASSIGN_OR_RETURN(auto rows,
                   pool_.Query(absl::StrCat("SELECT tenant_id, SUM(", t.state_column, " = ?), SUM(",
                                            t.state_column, " = ? AND attempts > 0), SUM(",
                                            t.state_column, " = ?) FROM ", t.name, " WHERE ",
                                            t.state_column, " IN (?, ?) GROUP BY tenant_id"),
                               {kPending, kPending, kFailed, kPending, kFailed}));
  std::map<std::string, Counts> out;
  for (const auto& r : rows) out[r.String(0)] = Counts{r.Int(1), r.Int(2), r.Int(3)};
  return out;
}

absl::StatusOr<std::vector<Status>> MysqlOutboxStore::List(const std::string& tenant,
                                                           const ListFilter& filter,
                                                           const std::string& after_id, int limit) {
  const OutboxTable& t = table_;
  std::string sql = absl::StrCat("SELECT ", columns_, " FROM ", t.name, " WHERE tenant_id = ? AND ",
                                 t.id_column, " > ?");
  mysql::Params params = {tenant, after_id};
  if (!filter.key.empty()) {
    absl::StrAppend(&sql, " AND ", t.key_column, " = ?");
    params.push_back(filter.key);
  }
  if (!filter.states.empty()) {
    std::vector<std::string> marks;
    for (State state : filter.states) {
      marks.push_back("?");
      params.push_back(static_cast<int64_t>(state));
    }
    absl::StrAppend(&sql, " AND ", t.state_column, " IN (", absl::StrJoin(marks, ", "), ")");
  }
  absl::StrAppend(&sql, " ORDER BY ", t.id_column, " LIMIT ?");
  params.push_back(int64_t{limit});
  ASSIGN_OR_RETURN(auto rows, pool_.Query(sql, params));
  std::vector<Status> out;
  for (const auto& r : rows) out.push_back(ToStatus(r));
  return out;
}

absl::Status MysqlOutboxStore::Retry(const std::string& tenant, const std::string& id,
                                     absl::Time now) {
  const OutboxTable& t = table_;
  if (!t.clear_when_done_columns.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        t.name, " clears a message's payload when it is done: a failed one cannot be retried"));
  }
  ASSIGN_OR_RETURN(
      auto changed,
      pool_.Execute(absl::StrCat("UPDATE ", t.name, " SET ", t.state_column,
                                 " = ?, attempts = 0, next_attempt_time = ?, ", t.done_time_column,
                                 " = NULL WHERE tenant_id = ? AND ", t.id_column, " = ? AND ",
                                 t.state_column, " = ?"),
                    {kPending, now, tenant, id, kFailed}));
  if (changed == 0) {
    return absl::NotFoundError(absl::StrCat("no failed message ", id, " in ", t.name));
  }
  return absl::OkStatus();
}

}  // namespace engage::outbox
