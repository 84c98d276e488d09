#include "promomats_svc/mysql_target_vault.h"

#include "common/status/status_macros.h"
#include "promomats_svc/json_codec.h"
#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {

using mysql::Session;

namespace {
constexpr int64_t kActive = static_cast<int64_t>(CrossLinkState::kActive);
constexpr int64_t kWithdrawn = static_cast<int64_t>(CrossLinkState::kWithdrawn);
}  // namespace

absl::StatusOr<ApplyOutcome> MysqlTargetVault::ApplyOnce(
    const std::string& tenant, const std::string& target_vault_id, const std::string& change_id,
    const std::string& document_id,
    const std::function<absl::StatusOr<ApplyOutcome>(Session&, bool, int64_t, bool)>& apply) {
  const absl::Time now = clock_.Now();
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<ApplyOutcome> {
    ASSIGN_OR_RETURN(auto prior, s.Query("SELECT outcome FROM pmx_applied_changes WHERE tenant_id "
                                         "= ? AND target_vault_id = ? AND "
                                         "change_id = ? FOR UPDATE",
                                         {tenant, target_vault_id, change_id}));
    if (!prior.empty()) return static_cast<ApplyOutcome>(prior.front().Int(0));
    ASSIGN_OR_RETURN(
        auto link,
        s.Query("SELECT source_version, state FROM pmx_crosslinks WHERE tenant_id = ? AND "
                "crm_vault_id = ? AND document_id = ? FOR UPDATE",
                {tenant, target_vault_id, document_id}));
    const bool exists = !link.empty();
    ASSIGN_OR_RETURN(const ApplyOutcome outcome, apply(s, exists, exists ? link.front().Int(0) : 0,
                                                       exists && link.front().Int(1) == kActive));
    RETURN_IF_ERROR(
        s.Execute(
             "INSERT INTO pmx_applied_changes (tenant_id, target_vault_id, change_id, outcome, "
             "apply_time) VALUES (?, ?, ?, ?, ?)",
             {tenant, target_vault_id, change_id, int64_t{static_cast<int>(outcome)}, now})
            .status());
    return outcome;
  });
}

absl::StatusOr<ApplyOutcome> MysqlTargetVault::CrossLink(const std::string& tenant,
                                                         const std::string& target_vault_id,
                                                         const std::string& change_id, int64_t seq,
                                                         const promomats::CrossLink& payload) {
  const absl::Time now = clock_.Now();
  return ApplyOnce(
      tenant, target_vault_id, change_id, payload.source_document_id,
      [&](Session& s, bool exists, int64_t last_seq, bool active) -> absl::StatusOr<ApplyOutcome> {
        // What the row's own columns hold is not kept twice in its body.
        v1::CrossLink body = ToProto(payload);
        body.clear_state();
        body.clear_applied_changes();
        if (!exists) {
          auto done = s.Execute(
              "INSERT INTO pmx_crosslinks (tenant_id, crm_vault_id, document_id, cross_link_id, "
              "source_version, state, body, applied_changes, update_time) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
              {tenant, target_vault_id, payload.source_document_id, ids_.Next(), seq, kActive,
               ToJson(body), now});
          if (!done.ok()) return done.status();
          return ApplyOutcome::kCreated;
        }
        // Changes arrive in order; an older one (a replay after a newer
        // change) must not roll the CrossLink back. A re-route (PMX-08)
        // applies at the version already applied: its change id is new (a
        // replay of the same change id never gets here).
        if (seq < last_seq) return ApplyOutcome::kNothing;
        RETURN_IF_ERROR(
            s.Execute("UPDATE pmx_crosslinks SET source_version = ?, state = ?, body = ?, "
                      "applied_changes = applied_changes + 1, update_time = ? "
                      "WHERE tenant_id = ? AND crm_vault_id = ? AND document_id = ?",
                      {seq, kActive, ToJson(body), now, tenant, target_vault_id,
                       payload.source_document_id})
                .status());
        return active ? ApplyOutcome::kUpversioned : ApplyOutcome::kCreated;
      });
}

absl::StatusOr<ApplyOutcome> MysqlTargetVault::Withdraw(const std::string& tenant,
                                                        const std::string& target_vault_id,
                                                        const std::string& change_id, int64_t seq,
                                                        const std::string& document_id) {
  const absl::Time now = clock_.Now();
  return ApplyOnce(
      tenant, target_vault_id, change_id, document_id,
      [&](Session& s, bool exists, int64_t last_seq, bool active) -> absl::StatusOr<ApplyOutcome> {
        if (!exists || !active || seq < last_seq) return ApplyOutcome::kNothing;
        RETURN_IF_ERROR(s.Execute("UPDATE pmx_crosslinks SET source_version = ?, state = ?, "
                                  "applied_changes = applied_changes + 1, update_time = ? "
                                  "WHERE tenant_id = ? AND crm_vault_id = ? AND document_id = ?",
                                  {seq, kWithdrawn, now, tenant, target_vault_id, document_id})
                            .status());
        return ApplyOutcome::kWithdrawn;
      });
}

absl::StatusOr<std::vector<promomats::CrossLink>> MysqlTargetVault::List(
    const std::string& tenant, const std::string& crm_vault_id,
    const std::string& after_document_id, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query("SELECT cross_link_id, state, body, applied_changes FROM pmx_crosslinks "
                  "WHERE tenant_id = ? AND crm_vault_id = ? AND document_id > ? ORDER BY "
                  "document_id LIMIT ?",
                  {tenant, crm_vault_id, after_document_id, int64_t{limit}}));
  std::vector<promomats::CrossLink> out;
  for (const auto& r : rows) {
    v1::CrossLink link;
    RETURN_IF_ERROR(FromJson(r.String(2), &link));
    link.set_cross_link_id(r.String(0));
    link.set_crm_vault_id(crm_vault_id);
    link.set_state(static_cast<v1::CrossLinkState>(r.Int(1)));
    link.set_applied_changes(r.Int(3));
    out.push_back(FromProto(link));
  }
  return out;
}

}  // namespace engage::promomats
