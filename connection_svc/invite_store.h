#ifndef ENGAGE_CONNECTION_SVC_INVITE_STORE_H_
#define ENGAGE_CONNECTION_SVC_INVITE_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/rules/connection_model.h"
#include "connection_svc/rules/write_quota_rules.h"

namespace engage::connection {

// A rule run on an invite under its row lock; a non-OK status aborts the
// write and changes nothing.
using InviteCheck = std::function<absl::Status(const Invite&)>;

// Invites of one tenant per call (CON-01..05). Accepting one connects its
// inviter with the HCP in the same transaction (and the change feed with it,
// CON-11).
// SEC-11: the e-mail invites a new one counts against, within kQuotaWindow
// of its create time, itself included: its inviter's, and its address's in
// lower case. The check refuses with a status that aborts the create.
struct InviteMailUse {
  QuotaUse by_inviter;
  QuotaUse by_recipient;
};
using InviteMailQuota = std::function<absl::Status(const InviteMailUse&)>;

class InviteStore {
 public:
  virtual ~InviteStore() = default;

  // Inserts the invite and, when `mail` is set, queues its e-mail (CON-13) in
  // the same transaction: a failed insert sends nothing. With `mail`, `quota`
  // (when set) runs on the counts once the invite is in, and its refusal
  // writes nothing (SEC-11).
  virtual absl::Status CreateInvite(const std::string& tenant, const Invite& invite,
                                    const std::string& token_hash, const OutgoingMail* mail,
                                    const InviteMailQuota& quota) = 0;
  // The invite `invite_id` (NOT_FOUND when the tenant has none).
  virtual absl::StatusOr<Invite> GetInvite(const std::string& tenant,
                                           const std::string& invite_id) = 0;
  // The invite of `token_hash`, unlocked (NOT_FOUND when none).
  virtual absl::StatusOr<Invite> FindInvite(const std::string& tenant,
                                            const std::string& token_hash) = 0;
  // Locks the invite of `token_hash` (NOT_FOUND when none), runs `check`,
  // connects its inviter with `hcp_profile_id` (the HCP's own act at `now`:
  // SEC-05, SEC-06) and marks it used, all in one transaction: concurrent
  // accepts of one invite serialise on its row.
  virtual absl::StatusOr<AcceptResult> AcceptInvite(
      const std::string& tenant, const std::string& token_hash, const std::string& hcp_profile_id,
      const InviteCheck& check, const std::string& new_connection_id, absl::Time now) = 0;
  // Locks the invite, runs `check`, sets `state`. `token_hash` or `invite_id`
  // names it (the other one empty).
  virtual absl::StatusOr<Invite> CloseInvite(const std::string& tenant,
                                             const std::string& invite_id,
                                             const std::string& token_hash, InviteState state,
                                             const InviteCheck& check, absl::Time now) = 0;
  // Accepted invites whose account link (CON-05) is still to be made.
  virtual absl::StatusOr<std::vector<Invite>> InvitesToLink(const std::string& tenant,
                                                            int limit) = 0;
  virtual absl::Status MarkInviteLinked(const std::string& tenant,
                                        const std::string& invite_id) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_INVITE_STORE_H_
