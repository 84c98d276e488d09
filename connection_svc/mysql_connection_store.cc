#include "connection_svc/mysql_connection_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "connection_svc/consent_rules.h"

namespace engage::connection {

using mysql::Row;
using mysql::Session;

namespace {

constexpr int kPending = 1;
constexpr int kDone = 2;
constexpr int kJobIdle = 1;
constexpr int kJobRunning = 2;

constexpr char kConnectionColumns[] =
    "connection_id, field_user_profile_id, hcp_profile_id, active, create_time, inactivation_time, "
    "ended_by";
constexpr char kInviteColumns[] =
    "invite_id, channel, inviter_profile_id, inviter_subject, recipient_email, org_id, account_id, "
    "state, create_time, expire_time, state_time, hcp_profile_id, connection_id, link_state";
constexpr char kInteractionColumns[] =
    "interaction_id, kind, source_id, host_profile_id, hcp_profile_id, email, create_time, "
    "reporter_role";

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
  i.invite_id = r.String(0);
  i.channel = static_cast<InviteChannel>(r.Int(1));
  i.inviter_profile_id = r.String(2);
  i.inviter_subject = r.String(3);
  i.recipient_email = r.String(4);
  i.org_id = r.String(5);
  i.account_id = r.String(6);
  i.state = static_cast<InviteState>(r.Int(7));
  i.create_time = r.Time(8);
  i.expire_time = r.Time(9);
  i.state_time = r.Time(10);
  i.hcp_profile_id = r.String(11);
  i.connection_id = r.String(12);
  i.link_state = static_cast<LinkState>(r.Int(13));
  return i;
}

Interaction InteractionFrom(const Row& r) {
  return {r.String(0), static_cast<InteractionKind>(r.Int(1)),
          r.String(2), r.String(3),
          r.String(4), r.String(5),
          r.Time(6),   static_cast<auth::Role>(r.Int(7))};
}

int64_t I(int v) { return int64_t{v}; }

// Appends one change to the tenant's feed. The upsert locks the tenant's
// counter row until this transaction ends, so the next change of the tenant
// gets its number only after this one committed (or rolled back, taking its
// number with it): sequences follow commit order and have no gaps (CON-11).
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

// Takes the tenant's feed counter row (creating it at 0 when missing) until
// the transaction ends. Every transaction that connects, disconnects or
// applies a removal takes it before it touches a connection row, so they
// lock in one order (invite or interaction row, counter, connection rows) and
// never deadlock each other; and a connect checks removed_profiles under it,
// so it either commits before a removal of its profile starts (which then
// deactivates it) or sees that removal. (The pool runs READ COMMITTED: no gap
// locks, so the lock must be on a row that exists.)
absl::Status LockFeed(Session& s, const std::string& tenant) {
  auto up = s.Execute(
      "INSERT INTO connection_feed_counters (tenant_id, last_sequence) VALUES (?, 0) "
      "ON DUPLICATE KEY UPDATE last_sequence = last_sequence",
      {tenant});
  return up.ok() ? absl::OkStatus() : up.status();
}

// Whether `field_user` or `hcp` was removed (PRF-11, PRF-12); call under
// LockFeed.
absl::StatusOr<bool> EitherRemoved(Session& s, const std::string& tenant,
                                   const std::string& field_user, const std::string& hcp) {
  auto rows = s.Query(
      "SELECT profile_id FROM removed_profiles WHERE tenant_id = ? AND profile_id IN (?, ?)",
      {tenant, field_user, hcp});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

// The pair's row is locked (or, when missing, the gap where it would go), so
// concurrent connects of one pair serialise; two racing inserts end in a
// deadlock or a duplicate key, and both are retried as ABORTED.
absl::StatusOr<ConnectResult> ConnectIn(Session& s, const std::string& tenant,
                                        const std::string& field_user, const std::string& hcp,
                                        Origin origin, const ConnectAct& act,
                                        const std::string& new_id, absl::Time now) {
  if (auto st = LockFeed(s, tenant); !st.ok()) return st;
  auto removed = EitherRemoved(s, tenant, field_user, hcp);
  if (!removed.ok()) return removed.status();
  if (*removed) {
    return WithReason(absl::FailedPreconditionError(
                          "hcp_profile_id: the profile was deleted or merged away and connects "
                          "no more"),
                      "PRF-11");
  }
  auto rows = s.Query(absl::StrCat("SELECT ", kConnectionColumns,
                                   " FROM connections WHERE tenant_id = ? AND "
                                   "field_user_profile_id = ? AND hcp_profile_id = ? FOR UPDATE"),
                      {tenant, field_user, hcp});
  if (!rows.ok()) return rows.status();
  std::optional<Connection> existing;
  if (!rows->empty()) existing = ConnectionFrom((*rows)[0]);
  // SEC-05, SEC-06: the one rule of every connect, on the locked row.
  if (auto st = CheckConnect(existing, act); !st.ok()) return st;
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
    auto up = s.Execute(
        "UPDATE connections SET active = TRUE, inactivation_time = NULL, ended_by = 0, "
        "update_time = ? WHERE tenant_id = ? AND connection_id = ?",
        {now, tenant, result.connection.connection_id});
    if (!up.ok()) return up.status();
    result.connection.active = true;
    result.connection.inactivation_time = absl::InfinitePast();
    result.connection.ended_by = EndedBy::kUnrecorded;
    result.change = ChangeKind::kReactivated;
  }
  if (auto st = AppendChange(s, tenant, result.change, result.connection, now); !st.ok()) return st;
  return result;
}

}  // namespace

absl::StatusOr<ConnectionPage> MysqlConnectionStore::ListForProfile(const std::string& tenant,
                                                                    const std::string& profile_id,
                                                                    const std::string& after_id,
                                                                    int limit) {
  // One more row than asked tells whether another page follows.
  auto rows = pool_.Query(
      absl::StrCat("SELECT ", kConnectionColumns,
                   " FROM connections WHERE tenant_id = ? AND (field_user_profile_id = ? OR "
                   "hcp_profile_id = ?) AND connection_id > ? ORDER BY connection_id LIMIT ?"),
      {tenant, profile_id, profile_id, after_id, int64_t{limit + 1}});
  if (!rows.ok()) return rows.status();
  ConnectionPage page;
  for (const auto& r : *rows) {
    if (static_cast<int>(page.connections.size()) == limit) {
      page.more = true;
      break;
    }
    page.connections.push_back(ConnectionFrom(r));
  }
  return page;
}

absl::StatusOr<Connection> MysqlConnectionStore::GetConnection(const std::string& tenant,
                                                               const std::string& connection_id) {
  auto rows =
      pool_.Query(absl::StrCat("SELECT ", kConnectionColumns,
                               " FROM connections WHERE tenant_id = ? AND connection_id = ?"),
                  {tenant, connection_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::NotFoundError("connection_id: no such connection");
  return ConnectionFrom((*rows)[0]);
}

absl::StatusOr<ConnectResult> MysqlConnectionStore::Connect(
    const std::string& tenant, const std::string& field_user, const std::string& hcp, Origin origin,
    const ConnectAct& act, const std::string& new_id, absl::Time now) {
  ConnectResult result;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    auto r = ConnectIn(s, tenant, field_user, hcp, origin, act, new_id, now);
    if (!r.ok()) return r.status();
    result = *r;
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return result;
}

absl::StatusOr<ConnectResult> MysqlConnectionStore::Disconnect(const std::string& tenant,
                                                               const std::string& connection_id,
                                                               EndedBy ended_by, absl::Time now) {
  ConnectResult result;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    if (auto lock = LockFeed(s, tenant); !lock.ok()) return lock;
    auto rows = s.Query(
        absl::StrCat("SELECT ", kConnectionColumns,
                     " FROM connections WHERE tenant_id = ? AND connection_id = ? FOR UPDATE"),
        {tenant, connection_id});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return absl::NotFoundError("connection_id: no such connection");
    result.connection = ConnectionFrom((*rows)[0]);
    result.change = ChangeKind::kNone;
    if (!result.connection.active) return absl::OkStatus();
    auto up = s.Execute(
        "UPDATE connections SET active = FALSE, inactivation_time = ?, ended_by = ?, "
        "update_time = ? WHERE tenant_id = ? AND connection_id = ?",
        {now, I(static_cast<int>(ended_by)), now, tenant, connection_id});
    if (!up.ok()) return up.status();
    result.connection.active = false;
    result.connection.inactivation_time = now;
    result.connection.ended_by = ended_by;
    result.change = ChangeKind::kDeactivated;
    return AppendChange(s, tenant, result.change, result.connection, now);
  });
  if (!st.ok()) return st;
  return result;
}

absl::StatusOr<std::vector<ProfileStatus>> MysqlConnectionStore::StatusesFor(
    const std::string& tenant, const std::string& field_user,
    const std::vector<std::string>& hcp_ids) {
  std::vector<ProfileStatus> out;
  if (hcp_ids.empty()) return out;
  mysql::Params params = {tenant, field_user};
  std::vector<std::string> marks;
  for (const auto& id : hcp_ids) {
    params.push_back(id);
    marks.push_back("?");
  }
  auto rows = pool_.Query(
      absl::StrCat(
          "SELECT hcp_profile_id, connection_id, active FROM connections WHERE tenant_id = ? "
          "AND field_user_profile_id = ? AND hcp_profile_id IN (",
          absl::StrJoin(marks, ", "), ")"),
      params);
  if (!rows.ok()) return rows.status();
  for (const auto& id : hcp_ids) {
    ProfileStatus status{id, PairStatus::kNotConnected, ""};
    for (const auto& r : *rows) {
      if (r.String(0) != id) continue;
      status.connection_id = r.String(1);
      status.status = r.Bool(2) ? PairStatus::kConnected : PairStatus::kDisconnected;
    }
    out.push_back(status);
  }
  return out;
}

absl::Status MysqlConnectionStore::CreateInvite(const std::string& tenant, const Invite& i,
                                                const std::string& token_hash) {
  auto ins = pool_.Execute(
      "INSERT INTO invites (tenant_id, invite_id, token_hash, channel, inviter_profile_id, "
      "inviter_subject, recipient_email, org_id, account_id, state, create_time, expire_time, "
      "state_time, link_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
      {tenant, i.invite_id, token_hash, I(static_cast<int>(i.channel)), i.inviter_profile_id,
       i.inviter_subject, i.recipient_email, i.org_id, i.account_id,
       I(static_cast<int>(InviteState::kPending)), i.create_time, i.expire_time, i.create_time});
  return ins.ok() ? absl::OkStatus() : ins.status();
}

absl::StatusOr<Invite> MysqlConnectionStore::FindInvite(const std::string& tenant,
                                                        const std::string& token_hash) {
  auto rows = pool_.Query(absl::StrCat("SELECT ", kInviteColumns,
                                       " FROM invites WHERE tenant_id = ? AND token_hash = ?"),
                          {tenant, token_hash});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::NotFoundError("token: no invite has this token");
  return InviteFrom((*rows)[0]);
}

absl::StatusOr<AcceptResult> MysqlConnectionStore::AcceptInvite(
    const std::string& tenant, const std::string& token_hash, const std::string& hcp_profile_id,
    const InviteCheck& check, const std::string& new_connection_id, absl::Time now) {
  AcceptResult result;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    // The row lock makes concurrent accepts of one invite take turns: the
    // first one marks it used, every later one fails `check` (CON-04).
    auto rows = s.Query(absl::StrCat("SELECT ", kInviteColumns,
                                     " FROM invites WHERE tenant_id = ? AND token_hash = ? "
                                     "FOR UPDATE"),
                        {tenant, token_hash});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return absl::NotFoundError("token: no invite has this token");
    Invite invite = InviteFrom((*rows)[0]);
    if (auto ok = check(invite); !ok.ok()) return ok;
    // Accepting is the HCP's own act, now (SEC-05, SEC-06).
    auto connected =
        ConnectIn(s, tenant, invite.inviter_profile_id, hcp_profile_id, Origin::kInvite,
                  ConnectAct{engage::common::v1::ROLE_HCP, now}, new_connection_id, now);
    if (!connected.ok()) return connected.status();
    invite.state = InviteState::kAccepted;
    invite.state_time = now;
    invite.hcp_profile_id = hcp_profile_id;
    invite.connection_id = connected->connection.connection_id;
    invite.link_state = invite.account_id.empty() ? LinkState::kNone : LinkState::kPending;
    auto up = s.Execute(
        "UPDATE invites SET state = ?, state_time = ?, hcp_profile_id = ?, connection_id = ?, "
        "link_state = ? WHERE tenant_id = ? AND invite_id = ?",
        {I(static_cast<int>(invite.state)), now, hcp_profile_id, invite.connection_id,
         I(static_cast<int>(invite.link_state)), tenant, invite.invite_id});
    if (!up.ok()) return up.status();
    result = {invite, *connected};
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return result;
}

absl::StatusOr<Invite> MysqlConnectionStore::CloseInvite(const std::string& tenant,
                                                         const std::string& invite_id,
                                                         const std::string& token_hash,
                                                         InviteState state,
                                                         const InviteCheck& check, absl::Time now) {
  Invite invite;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    const bool by_id = !invite_id.empty();
    auto rows =
        s.Query(absl::StrCat("SELECT ", kInviteColumns, " FROM invites WHERE tenant_id = ? AND ",
                             by_id ? "invite_id" : "token_hash", " = ? FOR UPDATE"),
                {tenant, by_id ? invite_id : token_hash});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return absl::NotFoundError(by_id ? "invite_id: no such invite"
                                       : "token: no invite has this token");
    }
    invite = InviteFrom((*rows)[0]);
    if (auto ok = check(invite); !ok.ok()) return ok;
    invite.state = state;
    invite.state_time = now;
    auto up = s.Execute(
        "UPDATE invites SET state = ?, state_time = ? WHERE tenant_id = ? AND invite_id = ?",
        {I(static_cast<int>(state)), now, tenant, invite.invite_id});
    return up.ok() ? absl::OkStatus() : up.status();
  });
  if (!st.ok()) return st;
  return invite;
}

absl::StatusOr<std::vector<Invite>> MysqlConnectionStore::InvitesToLink(const std::string& tenant,
                                                                        int limit) {
  auto rows = pool_.Query(absl::StrCat("SELECT ", kInviteColumns,
                                       " FROM invites WHERE tenant_id = ? AND link_state = ? "
                                       "ORDER BY invite_id LIMIT ?"),
                          {tenant, I(static_cast<int>(LinkState::kPending)), I(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<Invite> out;
  for (const auto& r : *rows) out.push_back(InviteFrom(r));
  return out;
}

absl::Status MysqlConnectionStore::MarkInviteLinked(const std::string& tenant,
                                                    const std::string& invite_id) {
  auto up = pool_.Execute("UPDATE invites SET link_state = ? WHERE tenant_id = ? AND invite_id = ?",
                          {I(static_cast<int>(LinkState::kLinked)), tenant, invite_id});
  return up.ok() ? absl::OkStatus() : up.status();
}

absl::StatusOr<int> MysqlConnectionStore::RecordInteractions(
    const std::string& tenant, const std::vector<Interaction>& interactions) {
  int recorded = 0;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    recorded = 0;
    for (const auto& i : interactions) {
      auto ins = s.Execute(
          "INSERT INTO interactions (tenant_id, interaction_id, kind, source_id, host_profile_id, "
          "hcp_profile_id, email, state, create_time, reporter_role) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {tenant, i.interaction_id, I(static_cast<int>(i.kind)), i.source_id, i.host_profile_id,
           i.hcp_profile_id, i.email, I(kPending), i.create_time, I(static_cast<int>(i.reporter))});
      if (ins.ok()) {
        ++recorded;
      } else if (!absl::IsAlreadyExists(ins.status())) {
        return ins.status();
      }
    }
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return recorded;
}

absl::StatusOr<std::vector<Interaction>> MysqlConnectionStore::PendingWithProfile(
    const std::string& tenant, int limit) {
  auto rows = pool_.Query(absl::StrCat("SELECT ", kInteractionColumns,
                                       " FROM interactions WHERE tenant_id = ? AND state = ? AND "
                                       "email = '' ORDER BY interaction_id LIMIT ?"),
                          {tenant, I(kPending), I(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<Interaction> out;
  for (const auto& r : *rows) out.push_back(InteractionFrom(r));
  return out;
}

absl::StatusOr<std::vector<Interaction>> MysqlConnectionStore::PendingForEmail(
    const std::string& tenant, const std::string& email) {
  auto rows = pool_.Query(absl::StrCat("SELECT ", kInteractionColumns,
                                       " FROM interactions WHERE tenant_id = ? AND state = ? AND "
                                       "email = ? ORDER BY interaction_id"),
                          {tenant, I(kPending), email});
  if (!rows.ok()) return rows.status();
  std::vector<Interaction> out;
  for (const auto& r : *rows) out.push_back(InteractionFrom(r));
  return out;
}

absl::StatusOr<ConnectResult> MysqlConnectionStore::ResolveInteraction(
    const std::string& tenant, const Interaction& interaction, const std::string& hcp_profile_id,
    const std::string& new_connection_id, absl::Time now) {
  ConnectResult result;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    result = ConnectResult{};
    auto rows = s.Query(
        "SELECT state FROM interactions WHERE tenant_id = ? AND interaction_id = ? FOR UPDATE",
        {tenant, interaction.interaction_id});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return absl::NotFoundError("no such interaction");
    if ((*rows)[0].Int(0) != kPending) return absl::OkStatus();  // resolved by an earlier run
    if (auto lock = LockFeed(s, tenant); !lock.ok()) return lock;
    auto removed = EitherRemoved(s, tenant, interaction.host_profile_id, hcp_profile_id);
    if (!removed.ok()) return removed.status();
    if (*removed) {
      // PRF-11/12: nobody to connect any more; done, so no run retries it.
      auto up = s.Execute(
          "UPDATE interactions SET state = ?, done_time = ? WHERE tenant_id = ? AND "
          "interaction_id = ?",
          {I(kDone), now, tenant, interaction.interaction_id});
      return up.ok() ? absl::OkStatus() : up.status();
    }
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
      // The rule's refusal is final for this report: done, unconnected.
      result.refusal = connected.status();
      auto up = s.Execute(
          "UPDATE interactions SET state = ?, done_time = ? WHERE tenant_id = ? AND "
          "interaction_id = ?",
          {I(kDone), now, tenant, interaction.interaction_id});
      return up.ok() ? absl::OkStatus() : up.status();
    }
    result = *connected;
    auto up = s.Execute(
        "UPDATE interactions SET state = ?, done_time = ?, connection_id = ? "
        "WHERE tenant_id = ? AND interaction_id = ?",
        {I(kDone), now, result.connection.connection_id, tenant, interaction.interaction_id});
    return up.ok() ? absl::OkStatus() : up.status();
  });
  if (!st.ok()) return st;
  return result;
}

absl::StatusOr<bool> MysqlConnectionStore::StartJob(const std::string& tenant, absl::Time now,
                                                    absl::Time lease_until) {
  bool claimed = false;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    if (auto ins = s.Execute("INSERT IGNORE INTO post_processing (tenant_id, state) VALUES (?, ?)",
                             {tenant, I(kJobIdle)});
        !ins.ok()) {
      return ins.status();
    }
    // Idle, or running on a lease that lapsed (its runner died).
    auto up = s.Execute(
        "UPDATE post_processing SET state = ?, lease_until = ?, last_start_time = ? "
        "WHERE tenant_id = ? AND (state = ? OR lease_until IS NULL OR lease_until < ?)",
        {I(kJobRunning), lease_until, now, tenant, I(kJobIdle), now});
    if (!up.ok()) return up.status();
    claimed = *up == 1;
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return claimed;
}

absl::Status MysqlConnectionStore::FinishJob(const std::string& tenant, absl::Time now) {
  auto up = pool_.Execute(
      "UPDATE post_processing SET state = ?, lease_until = NULL, last_end_time = ? "
      "WHERE tenant_id = ?",
      {I(kJobIdle), now, tenant});
  return up.ok() ? absl::OkStatus() : up.status();
}

absl::StatusOr<JobState> MysqlConnectionStore::GetJobState(const std::string& tenant,
                                                           absl::Time now) {
  auto rows = pool_.Query(
      "SELECT state, lease_until, last_start_time, last_end_time FROM post_processing "
      "WHERE tenant_id = ?",
      {tenant});
  if (!rows.ok()) return rows.status();
  JobState state;
  if (rows->empty()) return state;
  const Row& r = (*rows)[0];
  state.running = r.Int(0) == kJobRunning && r.Time(1) > now;
  state.last_start_time = r.Time(2);
  state.last_end_time = r.Time(3);
  return state;
}

absl::StatusOr<std::string> MysqlConnectionStore::SignUpCursor(const std::string& tenant) {
  auto rows =
      pool_.Query("SELECT signup_cursor FROM post_processing WHERE tenant_id = ?", {tenant});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : (*rows)[0].String(0);
}

absl::Status MysqlConnectionStore::SaveSignUpCursor(const std::string& tenant,
                                                    const std::string& cursor) {
  auto up = pool_.Execute("UPDATE post_processing SET signup_cursor = ? WHERE tenant_id = ?",
                          {cursor, tenant});
  return up.ok() ? absl::OkStatus() : up.status();
}

absl::StatusOr<std::string> MysqlConnectionStore::RemovalCursor(const std::string& tenant) {
  auto rows =
      pool_.Query("SELECT removal_cursor FROM post_processing WHERE tenant_id = ?", {tenant});
  if (!rows.ok()) return rows.status();
  return rows->empty() ? std::string() : (*rows)[0].String(0);
}

absl::StatusOr<RemovalResult> MysqlConnectionStore::ApplyRemoval(const std::string& tenant,
                                                                 const ProfileRemoval& removal,
                                                                 absl::Time now) {
  RemovalResult result;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    result = RemovalResult{};
    // First, so a connect of this profile under way commits before the scan
    // below (which then sees it), and one that starts later waits and then
    // sees the removal and refuses.
    if (auto lock = LockFeed(s, tenant); !lock.ok()) return lock;
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
      auto rows = s.Query(
          absl::StrCat("SELECT ", kConnectionColumns, " FROM connections WHERE tenant_id = ? AND ",
                       column, " = ? AND active ORDER BY connection_id FOR UPDATE"),
          {tenant, removal.profile_id});
      if (!rows.ok()) return rows.status();
      for (const auto& r : *rows) active.push_back(ConnectionFrom(r));
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
      if (auto ch = AppendChange(s, tenant, ChangeKind::kDeactivated, c, now); !ch.ok()) return ch;
      result.deactivated.push_back(c);
    }
    // SEC-09: a removed profile stands behind no invite any more.
    auto open = s.Query(
        "SELECT invite_id FROM invites WHERE tenant_id = ? AND inviter_profile_id = ? AND "
        "state = ? ORDER BY invite_id FOR UPDATE",
        {tenant, removal.profile_id, I(static_cast<int>(InviteState::kPending))});
    if (!open.ok()) return open.status();
    for (const auto& r : *open) result.revoked_invite_ids.push_back(r.String(0));
    if (!open->empty()) {
      auto up = s.Execute(
          "UPDATE invites SET state = ?, state_time = ? WHERE tenant_id = ? AND "
          "inviter_profile_id = ? AND state = ?",
          {I(static_cast<int>(InviteState::kRevoked)), now, tenant, removal.profile_id,
           I(static_cast<int>(InviteState::kPending))});
      if (!up.ok()) return up.status();
    }
    auto cur = s.Execute(
        "INSERT INTO post_processing (tenant_id, state, removal_cursor) VALUES (?, ?, ?) "
        "ON DUPLICATE KEY UPDATE removal_cursor = VALUES(removal_cursor)",
        {tenant, I(kJobIdle), removal.cursor});
    return cur.ok() ? absl::OkStatus() : cur.status();
  });
  if (!st.ok()) return st;
  return result;
}

absl::StatusOr<std::vector<std::string>> MysqlConnectionStore::TenantsWithPendingWork(
    const std::string& after_tenant, int limit) {
  // connection_feed_counters has one small row per tenant that ever had a
  // connection: those are the tenants whose connections a removal may touch.
  auto rows = pool_.Query(
      "SELECT tenant_id FROM interactions WHERE state = ? AND tenant_id > ? UNION "
      "SELECT tenant_id FROM invites WHERE link_state = ? AND tenant_id > ? UNION "
      "SELECT tenant_id FROM connection_feed_counters WHERE tenant_id > ? "
      "ORDER BY tenant_id LIMIT ?",
      {I(kPending), after_tenant, I(static_cast<int>(LinkState::kPending)), after_tenant,
       after_tenant, I(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.String(0));
  return out;
}

absl::StatusOr<std::vector<Change>> MysqlConnectionStore::ReadFeed(const std::string& tenant,
                                                                   int64_t after, int limit) {
  auto rows = pool_.Query(
      "SELECT sequence, kind, connection_id, field_user_profile_id, hcp_profile_id, change_time "
      "FROM connection_changes WHERE tenant_id = ? AND sequence > ? ORDER BY sequence LIMIT ?",
      {tenant, after, I(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<Change> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), static_cast<ChangeKind>(r.Int(1)), r.String(2), r.String(3),
                   r.String(4), r.Time(5)});
  }
  return out;
}

}  // namespace engage::connection
