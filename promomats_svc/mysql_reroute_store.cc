// Re-routing (PMX-08): the marks a change of routing leaves, and the re-route
// of a marked vault's documents onto the outbox.
#include "common/status/status_macros.h"
#include "promomats_svc/json_codec.h"
#include "promomats_svc/mysql_pmx_store.h"
#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {

using mysql::Session;

absl::Status MysqlPmxStore::MarkReroute(Session& s, const std::string& tenant,
                                        const std::string& promomats_vault_id, absl::Time now) {
  return s
      .Execute(
          "INSERT INTO pmx_reroutes (tenant_id, promomats_vault_id, mark_time) VALUES (?, ?, ?) "
          "ON DUPLICATE KEY UPDATE mark_time = VALUES(mark_time)",
          {tenant, promomats_vault_id, now})
      .status();
}

absl::StatusOr<std::vector<std::string>> MysqlPmxStore::TenantsWithReroutes() {
  // Across tenants on purpose: the background re-router finds whose marks
  // are left (a process died between a change and its re-route).
  ASSIGN_OR_RETURN(auto rows, pool_.Query("SELECT DISTINCT tenant_id FROM pmx_reroutes", {}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.String(0));
  return out;
}

absl::StatusOr<int> MysqlPmxStore::RerouteMarked(const std::string& tenant,
                                                 const DeliveryPlanner& plan,
                                                 const PayloadBuilder& payload,
                                                 const std::function<std::string()>& new_id,
                                                 absl::Time now) {
  ASSIGN_OR_RETURN(auto marked,
                   pool_.Query("SELECT promomats_vault_id FROM pmx_reroutes WHERE tenant_id = ? "
                               "ORDER BY promomats_vault_id",
                               {tenant}));
  int queued = 0;
  for (const auto& m : marked) {
    const std::string vault = m.String(0);
    int in_vault = 0;
    // Counts what `plan` queues (QueueDeliveries writes one row per delivery).
    const DeliveryPlanner counting = [&](const Document& doc, const RoutingInputs& in) {
      std::vector<PlannedDelivery> planned = plan(doc, in);
      in_vault += static_cast<int>(planned.size());
      return planned;
    };
    RETURN_IF_ERROR(pool_.Transaction([&](Session& s) -> absl::Status {
      in_vault = 0;
      // SKIP LOCKED: a vault another replica is re-routing is its job; a
      // change of routing made meanwhile waits for this mark and marks again.
      ASSIGN_OR_RETURN(auto mark, s.Query("SELECT 1 FROM pmx_reroutes WHERE tenant_id = ? AND "
                                          "promomats_vault_id = ? FOR UPDATE SKIP LOCKED",
                                          {tenant, vault}));
      if (mark.empty()) return absl::OkStatus();
      // The documents are locked as a document change locks them, so a
      // change and a re-route of one document queue in the order they commit.
      ASSIGN_OR_RETURN(auto docs, s.Query("SELECT body FROM pmx_documents WHERE tenant_id = ? AND "
                                          "promomats_vault_id = ? ORDER BY document_id FOR UPDATE",
                                          {tenant, vault}));
      for (const auto& row : docs) {
        v1::Document body;
        RETURN_IF_ERROR(FromJson(row.String(0), &body));
        // The outbox's enqueue path, as for a document change (PMX-08..11).
        RETURN_IF_ERROR(
            QueueDeliveries(s, tenant, FromProto(body), counting, payload, new_id, now));
      }
      return s
          .Execute("DELETE FROM pmx_reroutes WHERE tenant_id = ? AND promomats_vault_id = ?",
                   {tenant, vault})
          .status();
    }));
    queued += in_vault;
  }
  return queued;
}

}  // namespace engage::promomats
