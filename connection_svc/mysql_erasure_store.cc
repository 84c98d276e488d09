#include "connection_svc/mysql_erasure_store.h"

#include "absl/strings/ascii.h"
#include "common/status/status_macros.h"
#include "connection_svc/mysql_connection_rows.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

using mysql::Session;

namespace {

// Column `state` of invite_mails (the generic outbox's numbers).
constexpr int64_t kMailPending = 0;
constexpr int64_t kMailFailed = 2;
// What the inviter reads as the reason an erased HCP's e-mail was not sent.
constexpr char kErasedMailError[] = "PRF-11: the recipient's data was erased; not sent";

}  // namespace

absl::StatusOr<ErasureResult> MysqlErasureStore::EraseHcp(const std::string& tenant,
                                                          const std::string& profile_id,
                                                          const std::string& email,
                                                          absl::Time now) {
  const std::string lower = absl::AsciiStrToLower(email);
  ErasureResult result;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    result.interactions_erased = 0;
    // Records of the signed-in HCP keep what they say about the host and the
    // meeting (the connection they made stays, deactivated) but not an
    // e-mail. IGNORE: a row that would collide with its twin is deleted below.
    ASSIGN_OR_RETURN(auto by_profile,
                     s.Execute("UPDATE IGNORE interactions SET email = '' WHERE tenant_id = ? AND "
                               "hcp_profile_id = ? AND email <> ''",
                               {tenant, profile_id}));
    result.interactions_erased += static_cast<int>(by_profile);
    if (lower.empty()) return absl::OkStatus();
    ASSIGN_OR_RETURN(auto with_profile,
                     s.Execute("UPDATE IGNORE interactions SET email = '' WHERE tenant_id = ? AND "
                               "LOWER(email) = ? AND hcp_profile_id <> ''",
                               {tenant, lower}));
    // What is left with the e-mail held nothing else about the person (an
    // attendee known only by e-mail): it goes, and can no longer connect
    // anyone who signs up with that address later (CON-07).
    ASSIGN_OR_RETURN(auto by_email,
                     s.Execute("DELETE FROM interactions WHERE tenant_id = ? AND LOWER(email) = ?",
                               {tenant, lower}));
    result.interactions_erased += static_cast<int>(with_profile + by_email);
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  // Invites in a transaction of their own: the interactions' part is done and
  // stays done if this one fails (the call is retried and repeats nothing).
  st = pool_.Transaction([&](Session& s) -> absl::Status {
    result.invites_cleared = 0;
    result.mails_erased = 0;
    result.revoked_invite_ids.clear();
    // Invites sent to the address, and those the HCP accepted (their e-mail
    // went to the same verified address, SEC-08).
    ASSIGN_OR_RETURN(auto invites,
                     s.Query("SELECT invite_id, state FROM invites WHERE tenant_id = ? AND "
                             "((? <> '' AND LOWER(recipient_email) = ?) OR hcp_profile_id = ?) "
                             "ORDER BY invite_id FOR UPDATE",
                             {tenant, lower, lower, profile_id}));
    for (const auto& r : invites) {
      const bool pending = r.Int(1) == static_cast<int>(InviteState::kPending);
      RETURN_IF_ERROR(
          (pending
               ? s.Execute("UPDATE invites SET recipient_email = '', state = ?, state_time = ? "
                           "WHERE tenant_id = ? AND invite_id = ?",
                           {I(static_cast<int>(InviteState::kRevoked)), now, tenant, r.String(0)})
               : s.Execute("UPDATE invites SET recipient_email = '' WHERE tenant_id = ? AND "
                           "invite_id = ?",
                           {tenant, r.String(0)}))
              .status());
      ++result.invites_cleared;
      if (pending) result.revoked_invite_ids.push_back(r.String(0));
      // CON-13's rendered e-mail holds the address and the name (in the
      // header, the subject and the body): they go, the row stays so the
      // inviter still sees what became of the e-mail. One not sent yet is
      // given up (state failed) and never sent; the dispatcher claims only
      // pending rows, under the row lock this waits for.
      ASSIGN_OR_RETURN(
          auto mails,
          s.Execute("UPDATE invite_mails SET to_address = '', to_name = '', subject = '', "
                    "body = '', last_error = IF(state = ?, ?, ''), "
                    "done_time = COALESCE(done_time, ?), state = IF(state = ?, ?, state) "
                    "WHERE tenant_id = ? AND message_id = ? AND (to_address <> '' OR "
                    "to_name <> '' OR subject <> '' OR body <> '' OR state = ?)",
                    {kMailPending, kErasedMailError, now, kMailPending, kMailFailed, tenant,
                     r.String(0), kMailPending}));
      result.mails_erased += static_cast<int>(mails);
    }
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return result;
}

}  // namespace engage::connection
