#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_STORE_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/connection_model.h"

namespace engage::connection {

// A rule run on an invite under its row lock; a non-OK status aborts the
// write and changes nothing.
using InviteCheck = std::function<absl::Status(const Invite&)>;

// What connection_svc's rules need from storage; every call is scoped to one
// tenant. Every call that connects, disconnects or reconnects appends to the
// change feed in the same transaction (CON-11), so the feed holds exactly the
// committed changes, in commit order.
class ConnectionStore {
 public:
  virtual ~ConnectionStore() = default;

  // Connections where `profile_id` is either side, ordered by connection id,
  // after `after_id` (empty: from the start), at most `limit`.
  virtual absl::StatusOr<ConnectionPage> ListForProfile(const std::string& tenant,
                                                        const std::string& profile_id,
                                                        const std::string& after_id, int limit) = 0;
  virtual absl::StatusOr<Connection> GetConnection(const std::string& tenant,
                                                   const std::string& connection_id) = 0;

  // Connects a pair on `act`: creates the row (id `new_id`), reactivates the
  // pair's inactive row keeping its id (CON-09), or returns the active one
  // unchanged (CON-10). A side that was removed (ApplyRemoval) is
  // FAILED_PRECONDITION (PRF-11, PRF-12); the same holds for AcceptInvite.
  // CheckConnect (SEC-05, SEC-06) runs on the locked row: its refusal
  // changes nothing.
  virtual absl::StatusOr<ConnectResult> Connect(const std::string& tenant,
                                                const std::string& field_user_profile_id,
                                                const std::string& hcp_profile_id, Origin origin,
                                                const ConnectAct& act, const std::string& new_id,
                                                absl::Time now) = 0;
  // Deactivates (CON-09), recording who ended it (SEC-06); an inactive
  // connection is returned unchanged.
  virtual absl::StatusOr<ConnectResult> Disconnect(const std::string& tenant,
                                                   const std::string& connection_id,
                                                   EndedBy ended_by, absl::Time now) = 0;
  // One status per HCP profile, in the order asked.
  virtual absl::StatusOr<std::vector<ProfileStatus>> StatusesFor(
      const std::string& tenant, const std::string& field_user_profile_id,
      const std::vector<std::string>& hcp_profile_ids) = 0;

  virtual absl::Status CreateInvite(const std::string& tenant, const Invite& invite,
                                    const std::string& token_hash) = 0;
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

  // Records interactions, skipping ones already recorded (same kind, source,
  // host and participant); returns how many were new.
  virtual absl::StatusOr<int> RecordInteractions(const std::string& tenant,
                                                 const std::vector<Interaction>& interactions) = 0;
  // Pending interactions of signed-in HCPs, oldest first.
  virtual absl::StatusOr<std::vector<Interaction>> PendingWithProfile(const std::string& tenant,
                                                                      int limit) = 0;
  // Pending interactions known only by `email` (lower case).
  virtual absl::StatusOr<std::vector<Interaction>> PendingForEmail(const std::string& tenant,
                                                                   const std::string& email) = 0;
  // Connects the interaction's host with `hcp_profile_id` and marks it done,
  // in one transaction; the act is the interaction's reporter at its
  // create_time. When either side was removed (PRF-11, PRF-12), or
  // CheckConnect refuses it (SEC-05, SEC-06: no later run would decide
  // otherwise), it is marked done without a connection (change kNone;
  // `refusal` holds the rule's status).
  virtual absl::StatusOr<ConnectResult> ResolveInteraction(const std::string& tenant,
                                                           const Interaction& interaction,
                                                           const std::string& hcp_profile_id,
                                                           const std::string& new_connection_id,
                                                           absl::Time now) = 0;

  // Claims the tenant's post-processing job until `lease_until` when it is
  // idle (or its lease lapsed); false when another run holds it (CON-08).
  virtual absl::StatusOr<bool> StartJob(const std::string& tenant, absl::Time now,
                                        absl::Time lease_until) = 0;
  virtual absl::Status FinishJob(const std::string& tenant, absl::Time now) = 0;
  virtual absl::StatusOr<JobState> GetJobState(const std::string& tenant, absl::Time now) = 0;
  virtual absl::StatusOr<std::string> SignUpCursor(const std::string& tenant) = 0;
  virtual absl::Status SaveSignUpCursor(const std::string& tenant, const std::string& cursor) = 0;
  // The last entry of profile_svc's removals feed already applied (empty: none).
  virtual absl::StatusOr<std::string> RemovalCursor(const std::string& tenant) = 0;
  // Applies one removal (PRF-11, PRF-12) in one transaction: records the
  // profile as removed (it connects no more), deactivates every active
  // connection where it is either side (same row, inactivation time `now`, a
  // feed entry each: CON-09, CON-11), revokes the open invites it created
  // (SEC-09) and saves `removal.cursor` as the tenant's removal cursor.
  virtual absl::StatusOr<RemovalResult> ApplyRemoval(const std::string& tenant,
                                                     const ProfileRemoval& removal,
                                                     absl::Time now) = 0;
  // Tenants with pending interactions or account links, and tenants that ever
  // had a connection (whose connections a removal may deactivate): the
  // timer's work list: the first `limit` after `after_tenant` in id order
  // (empty: from the start), so the timer pages through all of them.
  virtual absl::StatusOr<std::vector<std::string>> TenantsWithPendingWork(
      const std::string& after_tenant, int limit) = 0;

  // Changes with sequence > `after`, in sequence order, at most `limit` (CON-11).
  virtual absl::StatusOr<std::vector<Change>> ReadFeed(const std::string& tenant, int64_t after,
                                                       int limit) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CONNECTION_STORE_H_
