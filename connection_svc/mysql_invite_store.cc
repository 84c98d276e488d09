#include "connection_svc/mysql_invite_store.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "connection_svc/mysql_connection_rows.h"
#include "connection_svc/mysql_invite_mails.h"
#include "connection_svc/rules/invite_rules.h"

namespace engage::connection {

using mysql::Row;
using mysql::Session;

namespace {

// SEC-11: the e-mail invites counted for `i` within the window, the new one
// included. Read while the transaction holds both keys (HoldInviteMailKeys),
// so it sees every earlier invite of the inviter and of the address and no
// later one.
absl::StatusOr<InviteMailUse> CountInviteMails(Session& s, const std::string& tenant,
                                               const Invite& i) {
  const absl::Time since = i.create_time - kQuotaWindow;
  InviteMailUse use;
  ASSIGN_OR_RETURN(auto by_inviter,
                   s.Query("SELECT COUNT(*), MIN(create_time) FROM invites WHERE tenant_id = ? "
                           "AND inviter_profile_id = ? AND channel = ? AND create_time > ?",
                           {tenant, i.inviter_profile_id, I(static_cast<int>(i.channel)), since}));
  use.by_inviter = QuotaUseFrom(by_inviter.front());
  ASSIGN_OR_RETURN(auto by_recipient,
                   s.Query("SELECT COUNT(*), MIN(create_time) FROM invites WHERE tenant_id = ? "
                           "AND recipient_key = LOWER(?) AND create_time > ?",
                           {tenant, i.recipient_email, since}));
  use.by_recipient = QuotaUseFrom(by_recipient.front());
  return use;
}

// One e-mail invite of the inviter, and one to the address, at a time, until
// it commits: concurrent invites queue instead of deadlocking on each other's
// new rows. Always the inviter's key first, so two transactions never wait on
// each other in a circle.
absl::Status HoldInviteMailKeys(Session& s, const std::string& tenant, const Invite& i) {
  RETURN_IF_ERROR(
      s.HoldUntilEnd(absl::StrCat("invite-mails/inviter/", tenant, "/", i.inviter_profile_id)));
  return s.HoldUntilEnd(absl::StrCat("invite-mails/recipient/", tenant, "/",
                                     absl::AsciiStrToLower(i.recipient_email)));
}

}  // namespace

absl::Status MysqlInviteStore::CreateInvite(const std::string& tenant, const Invite& i,
                                            const std::string& token_hash, const OutgoingMail* mail,
                                            const InviteMailQuota& quota) {
  const bool counted = mail != nullptr && quota;
  return pool_.Transaction([&](Session& s) -> absl::Status {
    if (counted) RETURN_IF_ERROR(HoldInviteMailKeys(s, tenant, i));
    RETURN_IF_ERROR(
        s.Execute(
             "INSERT INTO invites (tenant_id, invite_id, token_hash, channel, inviter_profile_id, "
             "inviter_subject, recipient_email, org_id, account_id, state, create_time, "
             "expire_time, state_time, link_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
             "0)",
             {tenant, i.invite_id, token_hash, I(static_cast<int>(i.channel)), i.inviter_profile_id,
              i.inviter_subject, i.recipient_email, i.org_id, i.account_id,
              I(static_cast<int>(InviteState::kPending)), i.create_time, i.expire_time,
              i.create_time})
            .status());
    // CON-13: the e-mail commits or rolls back with its invite (an outbox).
    if (mail != nullptr) {
      if (counted) {
        ASSIGN_OR_RETURN(auto use, CountInviteMails(s, tenant, i));
        RETURN_IF_ERROR(quota(use));
      }
      RETURN_IF_ERROR(QueueInviteMail(s, tenant, i.invite_id, *mail, i.create_time));
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<Invite> MysqlInviteStore::GetInvite(const std::string& tenant,
                                                   const std::string& invite_id) {
  ASSIGN_OR_RETURN(auto rows,
                   pool_.Query(absl::StrCat("SELECT ", kInviteColumns,
                                            " FROM invites WHERE tenant_id = ? AND invite_id = ?"),
                               {tenant, invite_id}));
  if (rows.empty()) return NoSuchInvite();
  return InviteFrom(rows[0]);
}

absl::StatusOr<Invite> MysqlInviteStore::FindInvite(const std::string& tenant,
                                                    const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto rows,
                   pool_.Query(absl::StrCat("SELECT ", kInviteColumns,
                                            " FROM invites WHERE tenant_id = ? AND token_hash = ?"),
                               {tenant, token_hash}));
  if (rows.empty()) return NoInviteWithToken();
  return InviteFrom(rows[0]);
}

absl::StatusOr<AcceptResult> MysqlInviteStore::AcceptInvite(
    const std::string& tenant, const std::string& token_hash, const std::string& hcp_profile_id,
    const InviteCheck& check, const std::string& new_connection_id, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<AcceptResult> {
    // The row lock makes concurrent accepts of one invite take turns: the
    // first one marks it used, every later one fails `check` (CON-04).
    ASSIGN_OR_RETURN(auto rows,
                     s.Query(absl::StrCat("SELECT ", kInviteColumns,
                                          " FROM invites WHERE tenant_id = ? AND token_hash = ? "
                                          "FOR UPDATE"),
                             {tenant, token_hash}));
    if (rows.empty()) return NoInviteWithToken();
    Invite invite = InviteFrom(rows[0]);
    RETURN_IF_ERROR(check(invite));
    // Accepting is the HCP's own act, now (SEC-05, SEC-06).
    auto connected =
        ConnectIn(s, tenant, invite.inviter_profile_id, hcp_profile_id, Origin::kInvite,
                  ConnectAct{auth::kHcp, now}, new_connection_id, now);
    if (!connected.ok()) return connected.status();
    invite.state = InviteState::kAccepted;
    invite.state_time = now;
    invite.hcp_profile_id = hcp_profile_id;
    invite.connection_id = connected->connection.connection_id;
    invite.link_state = invite.account_id.empty() ? LinkState::kNone : LinkState::kPending;
    RETURN_IF_ERROR(
        s.Execute(
             "UPDATE invites SET state = ?, state_time = ?, hcp_profile_id = ?, connection_id = ?, "
             "link_state = ? WHERE tenant_id = ? AND invite_id = ?",
             {I(static_cast<int>(invite.state)), now, hcp_profile_id, invite.connection_id,
              I(static_cast<int>(invite.link_state)), tenant, invite.invite_id})
            .status());
    return AcceptResult{invite, *connected};
  });
}

absl::StatusOr<Invite> MysqlInviteStore::CloseInvite(const std::string& tenant,
                                                     const std::string& invite_id,
                                                     const std::string& token_hash,
                                                     InviteState state, const InviteCheck& check,
                                                     absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<Invite> {
    const bool by_id = !invite_id.empty();
    auto rows =
        s.Query(absl::StrCat("SELECT ", kInviteColumns, " FROM invites WHERE tenant_id = ? AND ",
                             by_id ? "invite_id" : "token_hash", " = ? FOR UPDATE"),
                {tenant, by_id ? invite_id : token_hash});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) {
      return by_id ? NoSuchInvite() : NoInviteWithToken();
    }
    Invite invite = InviteFrom((*rows)[0]);
    RETURN_IF_ERROR(check(invite));
    invite.state = state;
    invite.state_time = now;
    RETURN_IF_ERROR(
        s.Execute(
             "UPDATE invites SET state = ?, state_time = ? WHERE tenant_id = ? AND invite_id = ?",
             {I(static_cast<int>(state)), now, tenant, invite.invite_id})
            .status());
    // CON-03: a closed invite sends nothing more (its e-mail's id is the invite's).
    RETURN_IF_ERROR(
        outbox::GiveUp(s, InviteMailsTable(), tenant, invite.invite_id,
                       "CON-03: the invite was closed before its e-mail was sent; not sent", now));
    return invite;
  });
}

absl::StatusOr<std::vector<Invite>> MysqlInviteStore::InvitesToLink(const std::string& tenant,
                                                                    int limit) {
  ASSIGN_OR_RETURN(auto rows,
                   pool_.Query(absl::StrCat("SELECT ", kInviteColumns,
                                            " FROM invites WHERE tenant_id = ? AND link_state = ? "
                                            "ORDER BY invite_id LIMIT ?"),
                               {tenant, I(static_cast<int>(LinkState::kPending)), I(limit)}));
  std::vector<Invite> out;
  for (const auto& r : rows) out.push_back(InviteFrom(r));
  return out;
}

absl::Status MysqlInviteStore::MarkInviteLinked(const std::string& tenant,
                                                const std::string& invite_id) {
  auto up = pool_.Execute("UPDATE invites SET link_state = ? WHERE tenant_id = ? AND invite_id = ?",
                          {I(static_cast<int>(LinkState::kLinked)), tenant, invite_id});
  return up.ok() ? absl::OkStatus() : up.status();
}

}  // namespace engage::connection
