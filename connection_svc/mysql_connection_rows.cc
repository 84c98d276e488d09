#include "connection_svc/mysql_connection_rows.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "connection_svc/rules/consent_rules.h"

namespace engage::connection {

using mysql::Row;
using mysql::Session;

Connection ConnectionFrom(const Row& r) {
  return {r.String(0),
          r.String(1),
          r.String(2),
          r.Bool(3),
          r.Time(4),
          r.Time(5),
          static_cast<EndedBy>(r.Int(6))};
}

Invite InviteFrom(const Row& r) {
  Invite i;
  r.Into(i.invite_id, i.channel, i.inviter_profile_id, i.inviter_subject, i.recipient_email,
         i.org_id, i.account_id, i.state, i.create_time, i.expire_time, i.state_time,
         i.hcp_profile_id, i.connection_id, i.link_state);
  return i;
}

QuotaUse QuotaUseFrom(const Row& r) {
  QuotaUse use;
  use.count = r.Int(0);
  if (use.count > 0) use.oldest = r.Time(1);
  return use;
}

Interaction InteractionFrom(const Row& r) {
  return {r.String(0), static_cast<InteractionKind>(r.Int(1)),
          r.String(2), r.String(3),
          r.String(4), r.String(5),
          r.Time(6),   static_cast<auth::Role>(r.Int(7))};
}

absl::Status AppendChange(Session& s, const std::string& tenant, ChangeKind kind,
                          const Connection& c, absl::Time now) {
  if (auto up =
          s.Execute("INSERT INTO connection_feed_counters (tenant_id, last_sequence) VALUES (?, 1) "
                    "ON DUPLICATE KEY UPDATE last_sequence = last_sequence + 1",
                    {tenant});
      !up.ok()) {
    return up.status();
  }
  auto seq =
      s.Query("SELECT last_sequence FROM connection_feed_counters WHERE tenant_id = ?", {tenant});
  if (!seq.ok()) return seq.status();
  if (seq->empty()) return absl::InternalError("feed counter row vanished");
  auto ins = s.Execute(
      "INSERT INTO connection_changes (tenant_id, sequence, kind, connection_id, "
      "field_user_profile_id, hcp_profile_id, change_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {tenant, (*seq)[0].Int(0), I(static_cast<int>(kind)), c.connection_id,
       c.field_user_profile_id, c.hcp_profile_id, now});
  return ins.ok() ? absl::OkStatus() : ins.status();
}

absl::Status LockFeed(Session& s, const std::string& tenant) {
  auto up = s.Execute(
      "INSERT INTO connection_feed_counters (tenant_id, last_sequence) VALUES (?, 0) "
      "ON DUPLICATE KEY UPDATE last_sequence = last_sequence",
      {tenant});
  return up.ok() ? absl::OkStatus() : up.status();
}

absl::StatusOr<bool> EitherRemoved(Session& s, const std::string& tenant,
                                   const std::string& field_user, const std::string& hcp) {
  ASSIGN_OR_RETURN(
      auto rows,
      s.Query(
          "SELECT profile_id FROM removed_profiles WHERE tenant_id = ? AND profile_id IN (?, ?)",
          {tenant, field_user, hcp}));
  return !rows.empty();
}

absl::StatusOr<ConnectResult> ConnectIn(Session& s, const std::string& tenant,
                                        const std::string& field_user, const std::string& hcp,
                                        Origin origin, const ConnectAct& act,
                                        const std::string& new_id, absl::Time now) {
  RETURN_IF_ERROR(LockFeed(s, tenant));
  ASSIGN_OR_RETURN(auto removed, EitherRemoved(s, tenant, field_user, hcp));
  if (removed) {
    return WithReason(absl::FailedPreconditionError(
                          "hcp_profile_id: the profile was deleted or merged away and connects "
                          "no more"),
                      "PRF-11");
  }
  ASSIGN_OR_RETURN(
      auto rows,
      s.Query(absl::StrCat("SELECT ", kConnectionColumns,
                           " FROM connections WHERE tenant_id = ? AND "
                           "field_user_profile_id = ? AND hcp_profile_id = ? FOR UPDATE"),
              {tenant, field_user, hcp}));
  std::optional<Connection> existing;
  if (!rows.empty()) existing = ConnectionFrom(rows[0]);
  // SEC-05, SEC-06: the one rule of every connect, on the locked row.
  RETURN_IF_ERROR(CheckConnect(existing, act));
  ConnectResult result;
  if (!existing.has_value()) {
    auto ins = s.Execute(
        "INSERT INTO connections (tenant_id, connection_id, field_user_profile_id, hcp_profile_id, "
        "active, create_time, inactivation_time, update_time, origin) "
        "VALUES (?, ?, ?, ?, TRUE, ?, NULL, ?, ?)",
        {tenant, new_id, field_user, hcp, now, now, I(static_cast<int>(origin))});
    if (!ins.ok()) {
      if (absl::IsAlreadyExists(ins.status())) {
        return absl::AbortedError("the pair was connected concurrently");
      }
      return ins.status();
    }
    result.connection = {
        new_id, field_user, hcp, true, now, absl::InfinitePast(), EndedBy::kUnrecorded};
    result.change = ChangeKind::kCreated;
  } else {
    result.connection = *existing;
    if (result.connection.active) return result;  // CON-10
    RETURN_IF_ERROR(
        s.Execute("UPDATE connections SET active = TRUE, inactivation_time = NULL, ended_by = 0, "
                  "update_time = ? WHERE tenant_id = ? AND connection_id = ?",
                  {now, tenant, result.connection.connection_id})
            .status());
    result.connection.active = true;
    result.connection.inactivation_time = absl::InfinitePast();
    result.connection.ended_by = EndedBy::kUnrecorded;
    result.change = ChangeKind::kReactivated;
  }
  RETURN_IF_ERROR(AppendChange(s, tenant, result.change, result.connection, now));
  return result;
}

}  // namespace engage::connection
