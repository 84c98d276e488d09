#include "connection_svc/mysql_erasure_store.h"

#include "absl/strings/ascii.h"
#include "common/status/status_macros.h"
#include "connection_svc/mysql_connection_rows.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

using mysql::Session;

absl::StatusOr<ErasureResult> MysqlErasureStore::EraseHcp(const std::string& tenant,
                                                          const std::string& profile_id,
                                                          const std::string& email,
                                                          absl::Time now) {
  const std::string lower = absl::AsciiStrToLower(email);
  ErasureResult result;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    result = ErasureResult{};
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
    ASSIGN_OR_RETURN(auto invites,
                     s.Query("SELECT invite_id, state FROM invites WHERE tenant_id = ? AND "
                             "LOWER(recipient_email) = ? ORDER BY invite_id FOR UPDATE",
                             {tenant, lower}));
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
    }
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return result;
}

}  // namespace engage::connection
