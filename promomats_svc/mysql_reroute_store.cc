// Re-routing (PMX-08): the marks a change of routing leaves, and the re-route
// of a marked vault's documents onto the outbox.
#include "common/status/status_macros.h"
#include "promomats_svc/json_codec.h"
#include "promomats_svc/mysql_pmx_store.h"
#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {

using mysql::Session;

namespace {
// Documents re-routed per transaction (about 2 ms each, measured).
constexpr int64_t kRerouteChunk = 200;
}  // namespace

absl::Status MysqlPmxStore::MarkReroute(Session& s, const std::string& tenant,
                                        const std::string& promomats_vault_id, absl::Time now) {
  return s
      .Execute(
          "INSERT INTO pmx_reroutes (tenant_id, promomats_vault_id, marks, mark_time) VALUES (?, "
          "?, 1, ?) ON DUPLICATE KEY UPDATE marks = marks + 1, mark_time = VALUES(mark_time)",
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
  ASSIGN_OR_RETURN(auto marked, pool_.Query("SELECT promomats_vault_id, marks FROM pmx_reroutes "
                                            "WHERE tenant_id = ? ORDER BY promomats_vault_id",
                                            {tenant}));
  int queued = 0;
  for (const auto& m : marked) {
    const std::string vault = m.String(0);
    const int64_t marks = m.Int(1);
    int in_chunk = 0;
    // Counts what `plan` queues (QueueDeliveries writes one row per delivery).
    const DeliveryPlanner counting = [&](const Document& doc, const RoutingInputs& in) {
      std::vector<PlannedDelivery> planned = plan(doc, in);
      in_chunk += static_cast<int>(planned.size());
      return planned;
    };
    // A few hundred documents per transaction, so a large vault's re-route
    // never holds every document's lock at once. Each document's plan reads
    // what the outbox already holds for it, so a chunk done twice (a replica
    // re-routing the same vault, a run cut short and taken again) queues
    // nothing twice.
    for (std::string after;;) {
      int in_page = 0;
      RETURN_IF_ERROR(pool_.Transaction([&](Session& s) -> absl::Status {
        in_chunk = 0;
        // Locked as a document change locks them: a change and a re-route of
        // one document queue in the order they commit.
        ASSIGN_OR_RETURN(auto docs,
                         s.Query("SELECT document_id, body FROM pmx_documents WHERE tenant_id = ? "
                                 "AND promomats_vault_id = ? AND document_id > ? "
                                 "ORDER BY document_id LIMIT ? FOR UPDATE",
                                 {tenant, vault, after, kRerouteChunk}));
        in_page = static_cast<int>(docs.size());
        for (const auto& row : docs) {
          v1::Document body;
          RETURN_IF_ERROR(FromJson(row.String(1), &body));
          // The outbox's enqueue path, as for a document change (PMX-08..11).
          RETURN_IF_ERROR(
              QueueDeliveries(s, tenant, FromProto(body), counting, payload, new_id, now));
        }
        if (!docs.empty()) after = docs.back().String(0);
        return absl::OkStatus();
      }));
      queued += in_chunk;
      if (in_page < kRerouteChunk) break;
    }
    // Done, unless a change marked the vault again meanwhile: then its
    // documents are re-routed once more (the handler of that change, or the
    // background run, takes the mark).
    RETURN_IF_ERROR(pool_
                        .Execute("DELETE FROM pmx_reroutes WHERE tenant_id = ? AND "
                                 "promomats_vault_id = ? AND marks = ?",
                                 {tenant, vault, marks})
                        .status());
  }
  return queued;
}

}  // namespace engage::promomats
