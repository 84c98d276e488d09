#include "common/audit/mysql_audit_trail.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/server/call_records.h"

namespace engage::audit {

std::string MethodOf(const void* server_context) {
  const char* method = server::CallRecords::Get().FindMethod(
      static_cast<const grpc::ServerContextBase*>(server_context));
  return method == nullptr ? std::string() : std::string(method);
}

MysqlAuditTrail::MysqlAuditTrail(mysql::Pool& pool, const Clock& clock, IdGenerator& ids,
                                 absl::Duration flush_interval, size_t max_queued)
    : pool_(pool),
      clock_(clock),
      ids_(ids),
      flush_interval_(flush_interval),
      max_queued_(max_queued) {
  writer_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      wake_.wait_for(lock, absl::ToChronoMilliseconds(flush_interval_));
      if (queue_.empty()) continue;
      lock.unlock();
      if (auto st = Flush(); !st.ok()) {
        log::Warn("audit trail write failed; retrying", {{"error", st.ToString()}});
      }
      lock.lock();
    }
  });
}

MysqlAuditTrail::~MysqlAuditTrail() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  writer_.join();
  if (auto st = Flush(); !st.ok()) {
    log::Error("audit events lost at shutdown", {{"error", st.ToString()}});
  }
}

void MysqlAuditTrail::Record(AuditEvent event) {
  if (event.time == absl::Time()) event.time = clock_.Now();
  if (event.event_id.empty()) event.event_id = ids_.Next();
  bool full = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(event));
    full = queue_.size() >= max_queued_;
  }
  // Back-pressure instead of loss: the caller that fills the queue writes it.
  if (full) {
    if (auto st = Flush(); !st.ok()) {
      log::Warn("audit trail write failed; kept queued", {{"error", st.ToString()}});
    }
  }
}

absl::Status MysqlAuditTrail::Flush() {
  std::lock_guard<std::mutex> writing(write_mu_);
  std::vector<AuditEvent> batch;
  {
    std::lock_guard<std::mutex> lock(mu_);
    batch.swap(queue_);
  }
  if (batch.empty()) return absl::OkStatus();
  absl::Status st = Write(batch);
  if (!st.ok()) {
    // Put them back in front so the next attempt writes them, in order.
    std::lock_guard<std::mutex> lock(mu_);
    batch.insert(batch.end(), std::make_move_iterator(queue_.begin()),
                 std::make_move_iterator(queue_.end()));
    queue_.swap(batch);
  }
  return st;
}

namespace {

// The same act (who, what, which object, through which method) repeated
// within one write becomes one row with a count: a caller re-reading a card
// in a loop costs one row per write, not one per read; no read goes uncounted.
std::vector<AuditEvent> Coalesce(const std::vector<AuditEvent>& events) {
  std::vector<AuditEvent> out;
  std::map<
      std::tuple<std::string, std::string, int, std::string, std::string, std::string, std::string>,
      size_t>
      index;
  for (const AuditEvent& e : events) {
    auto key = std::make_tuple(e.tenant, e.actor_subject, static_cast<int>(e.actor_role), e.method,
                               e.action, e.object_type, e.object_id);
    auto it = index.find(key);
    if (it == index.end()) {
      index.emplace(key, out.size());
      out.push_back(e);
      out.back().last_time = e.time;
      continue;
    }
    AuditEvent& first = out[it->second];
    first.repeat_count += e.repeat_count;
    first.last_time = std::max(first.last_time, e.time);
  }
  return out;
}

}  // namespace

absl::Status MysqlAuditTrail::Write(const std::vector<AuditEvent>& batch) {
  const std::vector<AuditEvent> events = Coalesce(batch);
  constexpr size_t kRowsPerStatement = 1000;
  for (size_t start = 0; start < events.size(); start += kRowsPerStatement) {
    const size_t end = std::min(events.size(), start + kRowsPerStatement);
    std::string sql =
        "INSERT IGNORE INTO audit_events (tenant_id, event_id, event_time, actor_subject, "
        "actor_role, method, action, object_type, object_id, repeat_count, last_time) VALUES ";
    mysql::Params params;
    for (size_t i = start; i < end; ++i) {
      const AuditEvent& e = events[i];
      absl::StrAppend(&sql, i == start ? "" : ",", "(?,?,?,?,?,?,?,?,?,?,?)");
      params.insert(params.end(), {e.tenant, e.event_id, e.time, e.actor_subject,
                                   static_cast<int64_t>(e.actor_role), e.method, e.action,
                                   e.object_type, e.object_id, e.repeat_count, e.last_time});
    }
    auto written = pool_.Execute(sql, params);
    if (!written.ok()) return written.status();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<AuditEvent>> MysqlAuditTrail::List(const std::string& tenant,
                                                              const std::string& before_event_id,
                                                              const std::string& object_id,
                                                              int limit) {
  std::string sql =
      "SELECT event_id, event_time, actor_subject, actor_role, method, action, object_type, "
      "object_id, repeat_count, last_time FROM audit_events WHERE tenant_id = ?";
  mysql::Params params = {tenant};
  if (!before_event_id.empty()) {
    sql += " AND event_id < ?";
    params.push_back(before_event_id);
  }
  if (!object_id.empty()) {
    sql += " AND object_id = ?";
    params.push_back(object_id);
  }
  absl::StrAppend(&sql, " ORDER BY event_id DESC LIMIT ", limit);
  auto rows = pool_.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<AuditEvent> out;
  for (const auto& r : *rows) {
    AuditEvent e;
    e.tenant = tenant;
    r.Into(e.event_id, e.time, e.actor_subject, e.actor_role, e.method, e.action, e.object_type,
           e.object_id, e.repeat_count, e.last_time);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace engage::audit
