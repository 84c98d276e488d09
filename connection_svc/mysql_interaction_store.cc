#include "connection_svc/mysql_interaction_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "connection_svc/mysql_connection_rows.h"

namespace engage::connection {

using mysql::Row;
using mysql::Session;

namespace {

// Inserts `i` unless the same interaction is recorded already: true when new.
absl::StatusOr<bool> Insert(Session& s, const std::string& tenant, const Interaction& i) {
  auto ins = s.Execute(
      "INSERT INTO interactions (tenant_id, interaction_id, kind, source_id, host_profile_id, "
      "hcp_profile_id, email, state, create_time, reporter_role) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {tenant, i.interaction_id, I(static_cast<int>(i.kind)), i.source_id, i.host_profile_id,
       i.hcp_profile_id, i.email, I(kPending), i.create_time, I(static_cast<int>(i.reporter))});
  if (ins.ok()) return true;
  if (absl::IsAlreadyExists(ins.status())) return false;
  return ins.status();
}

}  // namespace

absl::StatusOr<int> MysqlInteractionStore::RecordInteractions(
    const std::string& tenant, const std::vector<Interaction>& interactions) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<int> {
    int recorded = 0;
    for (const auto& i : interactions) {
      ASSIGN_OR_RETURN(const bool added, Insert(s, tenant, i));
      if (added) ++recorded;
    }
    return recorded;
  });
}

absl::StatusOr<int> MysqlInteractionStore::RecordSelfReport(
    const std::string& tenant, const Interaction& i,
    const std::function<absl::Status(const QuotaUse&)>& check) {
  int recorded = 0;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    recorded = 0;
    // One report of this HCP's kind at a time, until it commits: the count
    // after the insert then sees every earlier report and no later one, so
    // concurrent reports never pass the cap together, and they queue on the
    // key instead of deadlocking on each other's new rows.
    RETURN_IF_ERROR(
        s.HoldUntilEnd(absl::StrCat("self-reports/", tenant, "/", i.hcp_profile_id, "/",
                                    static_cast<int>(i.kind), "/", static_cast<int>(i.reporter))));
    ASSIGN_OR_RETURN(const bool added, Insert(s, tenant, i));
    if (!added) return absl::OkStatus();
    ASSIGN_OR_RETURN(
        auto rows,
        s.Query("SELECT COUNT(*), MIN(create_time) FROM interactions WHERE tenant_id = ? AND "
                "hcp_profile_id = ? AND kind = ? AND reporter_role = ? AND create_time > ?",
                {tenant, i.hcp_profile_id, I(static_cast<int>(i.kind)),
                 I(static_cast<int>(i.reporter)), i.create_time - kQuotaWindow}));
    RETURN_IF_ERROR(check(QuotaUseFrom(rows.front())));
    recorded = 1;
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return recorded;
}

absl::StatusOr<std::vector<Interaction>> MysqlInteractionStore::PendingWithProfile(
    const std::string& tenant, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(absl::StrCat("SELECT ", kInteractionColumns,
                               " FROM interactions WHERE tenant_id = ? AND state = ? AND "
                               "email = '' ORDER BY interaction_id LIMIT ?"),
                  {tenant, I(kPending), I(limit)}));
  std::vector<Interaction> out;
  for (const auto& r : rows) out.push_back(InteractionFrom(r));
  return out;
}

absl::StatusOr<std::vector<Interaction>> MysqlInteractionStore::PendingForEmail(
    const std::string& tenant, const std::string& email) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(absl::StrCat("SELECT ", kInteractionColumns,
                               " FROM interactions WHERE tenant_id = ? AND state = ? AND "
                               "email = ? ORDER BY interaction_id"),
                  {tenant, I(kPending), email}));
  std::vector<Interaction> out;
  for (const auto& r : rows) out.push_back(InteractionFrom(r));
  return out;
}

absl::StatusOr<ConnectResult> MysqlInteractionStore::ResolveInteraction(
    const std::string& tenant, const Interaction& interaction, const std::string& hcp_profile_id,
    const std::string& new_connection_id, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<ConnectResult> {
    ConnectResult result;
    ASSIGN_OR_RETURN(
        auto rows,
        s.Query(
            "SELECT state FROM interactions WHERE tenant_id = ? AND interaction_id = ? FOR UPDATE",
            {tenant, interaction.interaction_id}));
    if (rows.empty()) return absl::NotFoundError("no such interaction");
    if (rows[0].Int(0) != kPending) return result;  // resolved by an earlier run
    RETURN_IF_ERROR(LockFeed(s, tenant));
    // Done without a connection, so no run retries it.
    const auto unconnected = [&]() -> absl::StatusOr<ConnectResult> {
      RETURN_IF_ERROR(s.Execute("UPDATE interactions SET state = ?, done_time = ? WHERE "
                                "tenant_id = ? AND interaction_id = ?",
                                {I(kDone), now, tenant, interaction.interaction_id})
                          .status());
      return result;
    };
    ASSIGN_OR_RETURN(auto removed,
                     EitherRemoved(s, tenant, interaction.host_profile_id, hcp_profile_id));
    if (removed) return unconnected();  // PRF-11/12: nobody to connect any more
    const Origin origin = interaction.kind == InteractionKind::kMeetingAttendance
                              ? Origin::kMeeting
                              : Origin::kRemoteClm;
    // The act is the report: by whom, when it was made (SEC-05, SEC-06).
    auto connected = ConnectIn(s, tenant, interaction.host_profile_id, hcp_profile_id, origin,
                               ConnectAct{interaction.reporter, interaction.create_time},
                               new_connection_id, now);
    if (!connected.ok()) {
      const std::string reason = ReasonOf(connected.status());
      if (reason != "SEC-05" && reason != "SEC-06") return connected.status();
      // The rule's refusal is final for this report.
      result.refusal = connected.status();
      return unconnected();
    }
    result = *connected;
    auto up = s.Execute(
        "UPDATE interactions SET state = ?, done_time = ?, connection_id = ? "
        "WHERE tenant_id = ? AND interaction_id = ?",
        {I(kDone), now, result.connection.connection_id, tenant, interaction.interaction_id});
    if (!up.ok()) return up.status();
    return result;
  });
}

}  // namespace engage::connection
