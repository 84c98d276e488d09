#include "connection_svc/mysql_post_processing_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "connection_svc/mysql_connection_rows.h"
#include "connection_svc/mysql_invite_mails.h"

namespace engage::connection {

using mysql::Row;
using mysql::Session;

absl::StatusOr<bool> MysqlPostProcessingStore::StartJob(const std::string& tenant,
                                                        const std::string& holder, absl::Time now,
                                                        absl::Time lease_until) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<bool> {
    RETURN_IF_ERROR(s.Execute("INSERT IGNORE INTO post_processing (tenant_id, state) VALUES (?, ?)",
                              {tenant, I(kJobIdle)})
                        .status());
    // Idle, or running on a lease that lapsed (its runner died).
    ASSIGN_OR_RETURN(
        auto up, s.Execute("UPDATE post_processing SET state = ?, lease_holder = ?, "
                           "lease_until = ?, last_start_time = ? WHERE tenant_id = ? "
                           "AND (state = ? OR lease_until IS NULL OR lease_until < ?)",
                           {I(kJobRunning), holder, lease_until, now, tenant, I(kJobIdle), now}));
    return up == 1;
  });
}

absl::StatusOr<bool> MysqlPostProcessingStore::RenewJob(const std::string& tenant,
                                                        const std::string& holder,
                                                        absl::Time lease_until) {
  // Only the holder's own running lease: one that lapsed and was taken over
  // now names another holder, so the late run learns it lost the job. (Read
  // under lock rather than counting changed rows: a renewal to the same time
  // changes nothing and would read as lost.)
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<bool> {
    ASSIGN_OR_RETURN(auto rows, s.Query("SELECT state, lease_holder FROM post_processing "
                                        "WHERE tenant_id = ? FOR UPDATE",
                                        {tenant}));
    if (rows.empty() || rows[0].Int(0) != kJobRunning || rows[0].String(1) != holder) return false;
    RETURN_IF_ERROR(s.Execute("UPDATE post_processing SET lease_until = ? WHERE tenant_id = ?",
                              {lease_until, tenant})
                        .status());
    return true;
  });
}

absl::StatusOr<bool> MysqlPostProcessingStore::FinishJob(const std::string& tenant,
                                                         const std::string& holder,
                                                         absl::Time now) {
  ASSIGN_OR_RETURN(auto up,
                   pool_.Execute("UPDATE post_processing SET state = ?, lease_holder = '', "
                                 "lease_until = NULL, last_end_time = ? "
                                 "WHERE tenant_id = ? AND state = ? AND lease_holder = ?",
                                 {I(kJobIdle), now, tenant, I(kJobRunning), holder}));
  return up == 1;
}

absl::StatusOr<JobState> MysqlPostProcessingStore::GetJobState(const std::string& tenant,
                                                               absl::Time now) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query("SELECT state, lease_until, last_start_time, last_end_time FROM post_processing "
                  "WHERE tenant_id = ?",
                  {tenant}));
  JobState state;
  if (rows.empty()) return state;
  const Row& r = rows[0];
  state.running = r.Int(0) == kJobRunning && r.Time(1) > now;
  state.last_start_time = r.Time(2);
  state.last_end_time = r.Time(3);
  return state;
}

absl::StatusOr<std::string> MysqlPostProcessingStore::SignUpCursor(const std::string& tenant) {
  auto rows =
      pool_.Query("SELECT signup_cursor FROM post_processing WHERE tenant_id = ?", {tenant});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : (*rows)[0].String(0);
}

absl::Status MysqlPostProcessingStore::SaveSignUpCursor(const std::string& tenant,
                                                        const std::string& cursor) {
  auto up = pool_.Execute("UPDATE post_processing SET signup_cursor = ? WHERE tenant_id = ?",
                          {cursor, tenant});
  return up.ok() ? absl::OkStatus() : up.status();
}

absl::StatusOr<std::string> MysqlPostProcessingStore::RemovalCursor(const std::string& tenant) {
  auto rows =
      pool_.Query("SELECT removal_cursor FROM post_processing WHERE tenant_id = ?", {tenant});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : (*rows)[0].String(0);
}

absl::StatusOr<RemovalResult> MysqlPostProcessingStore::ApplyRemoval(const std::string& tenant,
                                                                     const ProfileRemoval& removal,
                                                                     absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<RemovalResult> {
    RemovalResult result;
    // First, so a connect of this profile under way commits before the scan
    // below (which then sees it), and one that starts later waits and then
    // sees the removal and refuses.
    RETURN_IF_ERROR(LockFeed(s, tenant));
    if (auto ins = s.Execute(
            "INSERT IGNORE INTO removed_profiles (tenant_id, profile_id, merged_into_profile_id, "
            "removal_time, apply_time) VALUES (?, ?, ?, ?, ?)",
            {tenant, removal.profile_id, removal.merged_into_profile_id, removal.time, now});
        !ins.ok()) {
      return ins.status();
    }
    // Either side: two index lookups (hcp key, pair key) rather than an OR
    // that would lock the whole tenant.
    std::vector<Connection> active;
    for (const char* column : {"hcp_profile_id", "field_user_profile_id"}) {
      ASSIGN_OR_RETURN(auto rows,
                       s.Query(absl::StrCat("SELECT ", kConnectionColumns,
                                            " FROM connections WHERE tenant_id = ? AND ", column,
                                            " = ? AND active ORDER BY connection_id FOR UPDATE"),
                               {tenant, removal.profile_id}));
      for (const auto& r : rows) active.push_back(ConnectionFrom(r));
    }
    for (auto& c : active) {
      auto up = s.Execute(
          "UPDATE connections SET active = FALSE, inactivation_time = ?, ended_by = ?, "
          "update_time = ? WHERE tenant_id = ? AND connection_id = ? AND active",
          {now, I(static_cast<int>(EndedBy::kRemoval)), now, tenant, c.connection_id});
      if (!up.ok()) return up.status();
      if (*up != 1) continue;  // both sides the same profile: already done
      c.active = false;
      c.inactivation_time = now;
      c.ended_by = EndedBy::kRemoval;
      RETURN_IF_ERROR(AppendChange(s, tenant, ChangeKind::kDeactivated, c, now));
      result.deactivated.push_back(c);
    }
    // SEC-09: a removed profile stands behind no invite any more.
    ASSIGN_OR_RETURN(
        auto open,
        s.Query("SELECT invite_id FROM invites WHERE tenant_id = ? AND inviter_profile_id = ? AND "
                "state = ? ORDER BY invite_id FOR UPDATE",
                {tenant, removal.profile_id, I(static_cast<int>(InviteState::kPending))}));
    for (const auto& r : open) {
      result.revoked_invite_ids.push_back(r.String(0));
      RETURN_IF_ERROR(outbox::GiveUp(s, InviteMailsTable(), tenant, r.String(0),
                                     "SEC-09: the inviter's profile was removed; not sent", now));
    }
    if (!open.empty()) {
      RETURN_IF_ERROR(
          s.Execute("UPDATE invites SET state = ?, state_time = ? WHERE tenant_id = ? AND "
                    "inviter_profile_id = ? AND state = ?",
                    {I(static_cast<int>(InviteState::kRevoked)), now, tenant, removal.profile_id,
                     I(static_cast<int>(InviteState::kPending))})
              .status());
    }
    auto cur = s.Execute(
        "INSERT INTO post_processing (tenant_id, state, removal_cursor) VALUES (?, ?, ?) "
        "ON DUPLICATE KEY UPDATE removal_cursor = VALUES(removal_cursor)",
        {tenant, I(kJobIdle), removal.cursor});
    if (!cur.ok()) return cur.status();
    return result;
  });
}

absl::StatusOr<std::vector<std::string>> MysqlPostProcessingStore::TenantsWithPendingWork(
    const std::string& after_tenant, int limit) {
  // connection_feed_counters has one small row per tenant that ever had a
  // connection: those are the tenants whose connections a removal may touch.
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query("SELECT tenant_id FROM interactions WHERE state = ? AND tenant_id > ? UNION "
                  "SELECT tenant_id FROM invites WHERE link_state = ? AND tenant_id > ? UNION "
                  "SELECT tenant_id FROM connection_feed_counters WHERE tenant_id > ? "
                  "ORDER BY tenant_id LIMIT ?",
                  {I(kPending), after_tenant, I(static_cast<int>(LinkState::kPending)),
                   after_tenant, after_tenant, I(limit)}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.String(0));
  return out;
}

}  // namespace engage::connection
