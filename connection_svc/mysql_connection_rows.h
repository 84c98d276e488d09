#ifndef ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_ROWS_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_ROWS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/mysql/pool.h"
#include "connection_svc/rules/connection_model.h"
#include "connection_svc/rules/write_quota_rules.h"

// What the mysql_* stores of connection_svc share: the columns and row
// mappers of connections, invites and interactions, and the steps every
// transaction that connects, disconnects or removes takes (the feed lock,
// the removed-profile guard, the one connect). Only those stores include it.
namespace engage::connection {

inline constexpr int kPending = 1;
inline constexpr int kDone = 2;
inline constexpr int kJobIdle = 1;
inline constexpr int kJobRunning = 2;

inline constexpr char kConnectionColumns[] =
    "connection_id, field_user_profile_id, hcp_profile_id, active, create_time, inactivation_time, "
    "ended_by";
inline constexpr char kInviteColumns[] =
    "invite_id, channel, inviter_profile_id, inviter_subject, recipient_email, org_id, account_id, "
    "state, create_time, expire_time, state_time, hcp_profile_id, connection_id, link_state";
inline constexpr char kInteractionColumns[] =
    "interaction_id, kind, source_id, host_profile_id, hcp_profile_id, email, create_time, "
    "reporter_role";

Connection ConnectionFrom(const mysql::Row& r);
Invite InviteFrom(const mysql::Row& r);
Interaction InteractionFrom(const mysql::Row& r);
// SEC-11: a cap's count, from a row of COUNT(*), MIN(create_time).
QuotaUse QuotaUseFrom(const mysql::Row& r);
inline int64_t I(int v) { return int64_t{v}; }

// Appends one change to the tenant's feed. The upsert locks the tenant's
// counter row until this transaction ends, so the next change of the tenant
// gets its number only after this one committed (or rolled back, taking its
// number with it): sequences follow commit order and have no gaps (CON-11).
absl::Status AppendChange(mysql::Session& s, const std::string& tenant, ChangeKind kind,
                          const Connection& c, absl::Time now);

// Takes the tenant's feed counter row (creating it at 0 when missing) until
// the transaction ends. Every transaction that connects, disconnects or
// applies a removal takes it before it touches a connection row, so they
// lock in one order (invite or interaction row, counter, connection rows) and
// never deadlock each other; and a connect checks removed_profiles under it,
// so it either commits before a removal of its profile starts (which then
// deactivates it) or sees that removal. (The pool runs READ COMMITTED: no gap
// locks, so the lock must be on a row that exists.)
absl::Status LockFeed(mysql::Session& s, const std::string& tenant);

// Whether `field_user` or `hcp` was removed (PRF-11, PRF-12); call under
// LockFeed.
absl::StatusOr<bool> EitherRemoved(mysql::Session& s, const std::string& tenant,
                                   const std::string& field_user, const std::string& hcp);

// The pair's row is locked (or, when missing, the gap where it would go), so
// concurrent connects of one pair serialise; two racing inserts end in a
// deadlock or a duplicate key, and both are retried as ABORTED.
absl::StatusOr<ConnectResult> ConnectIn(mysql::Session& s, const std::string& tenant,
                                        const std::string& field_user, const std::string& hcp,
                                        Origin origin, const ConnectAct& act,
                                        const std::string& new_id, absl::Time now);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_ROWS_H_
