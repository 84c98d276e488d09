// The dispatcher's side of the outbox.
#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "promomats_svc/json_codec.h"
#include "promomats_svc/mysql_pmx_store.h"
#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {

using mysql::Session;

namespace {
constexpr int64_t kPending = 0;
constexpr int64_t kDone = 1;
}  // namespace

absl::StatusOr<std::vector<std::string>> MysqlPmxStore::TenantsWithPending() {
  // The one query across tenants: the background dispatcher finds whose
  // outbox has work, then works per tenant.
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query("SELECT DISTINCT tenant_id FROM pmx_deliveries WHERE status = ?", {kPending}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.String(0));
  return out;
}

absl::StatusOr<std::vector<DeliveryKey>> MysqlPmxStore::Due(const std::string& tenant,
                                                            absl::Time now, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT d.change_id, d.target_vault_id FROM pmx_deliveries d "
          "WHERE d.status = ? AND d.tenant_id = ? AND d.next_attempt_time <= ? AND NOT EXISTS ("
          "SELECT 1 FROM pmx_deliveries e WHERE e.tenant_id = d.tenant_id AND "
          "e.document_id = d.document_id AND e.target_vault_id = d.target_vault_id AND "
          "e.status = ? AND (e.seq < d.seq OR (e.seq = d.seq AND e.change_id < d.change_id))) "
          "ORDER BY d.create_time, d.change_id, d.target_vault_id LIMIT ?",
          {kPending, tenant, now, kPending, int64_t{limit}}));
  std::vector<DeliveryKey> out;
  for (const auto& r : rows) out.push_back({r.String(0), r.String(1)});
  return out;
}

absl::StatusOr<OutboxStore::Processed> MysqlPmxStore::Process(
    const std::string& tenant, const DeliveryKey& key, absl::Time now,
    const std::function<DeliveryRecord(const Delivery&)>& deliver) {
  Processed result = Processed::kSkipped;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    result = Processed::kSkipped;
    // SKIP LOCKED: a delivery another dispatcher (replica) holds is its job.
    ASSIGN_OR_RETURN(
        auto rows,
        s.Query(
            "SELECT document_id, seq, action, payload, owner, attempts, status, next_attempt_time "
            "FROM pmx_deliveries WHERE tenant_id = ? AND change_id = ? AND target_vault_id = ? "
            "FOR UPDATE SKIP LOCKED",
            {tenant, key.change_id, key.target_vault_id}));
    if (rows.empty()) return absl::OkStatus();
    const auto& r = rows.front();
    if (r.Int(6) != kPending || r.Time(7) > now) return absl::OkStatus();
    Delivery d;
    d.tenant = tenant;
    d.change_id = key.change_id;
    d.target_vault_id = key.target_vault_id;
    d.document_id = r.String(0);
    d.seq = r.Int(1);
    d.action = static_cast<DeliveryAction>(r.Int(2));
    v1::CrossLink payload;
    RETURN_IF_ERROR(FromJson(r.String(3), &payload));
    d.payload = FromProto(payload);
    d.owner = r.String(4);
    d.attempts = static_cast<int>(r.Int(5));
    ASSIGN_OR_RETURN(
        auto earlier,
        // A re-route (PMX-08) queues at the document's version too: equal
        // versions go in the order of their change ids.
        s.Query("SELECT 1 FROM pmx_deliveries WHERE tenant_id = ? AND document_id = ? AND "
                "target_vault_id = ? AND status = ? AND (seq < ? OR (seq = ? AND change_id < ?)) "
                "LIMIT 1",
                {tenant, d.document_id, d.target_vault_id, kPending, d.seq, d.seq, d.change_id}));
    if (!earlier.empty()) return absl::OkStatus();

    const DeliveryRecord rec = deliver(d);
    absl::StatusOr<uint64_t> updated =
        rec.delivered
            ? s.Execute(
                  "UPDATE pmx_deliveries SET status = ?, attempts = attempts + 1, "
                  "deliver_time = ?, last_error = '' "
                  "WHERE tenant_id = ? AND change_id = ? AND target_vault_id = ?",
                  {kDone, now, tenant, key.change_id, key.target_vault_id})
            : s.Execute(
                  "UPDATE pmx_deliveries SET attempts = attempts + 1, next_attempt_time = ?, "
                  "last_error = ? WHERE tenant_id = ? AND change_id = ? AND target_vault_id = ?",
                  {rec.next_attempt, rec.error.substr(0, 1000), tenant, key.change_id,
                   key.target_vault_id});
    if (!updated.ok()) return updated.status();
    if (rec.notify) {
      const Notification& n = rec.notification;
      RETURN_IF_ERROR(
          s.Execute("INSERT INTO pmx_notifications (tenant_id, notification_id, owner, "
                    "document_id, version, "
                    "crm_vault_id, kind, message, create_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {tenant, n.notification_id, n.owner, n.document_id, n.version, n.crm_vault_id,
                     static_cast<int64_t>(n.kind), n.message.substr(0, 1000), now})
              .status());
    }
    result = rec.delivered ? Processed::kDelivered : Processed::kFailed;
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return result;
}

absl::StatusOr<int64_t> MysqlPmxStore::PendingCount(const std::string& tenant) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query("SELECT COUNT(*) FROM pmx_deliveries WHERE tenant_id = ? AND status = ?",
                  {tenant, kPending}));
  return rows.front().Int(0);
}

}  // namespace engage::promomats
