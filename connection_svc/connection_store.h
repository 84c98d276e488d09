#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_STORE_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// Connections of one tenant per call: listing, connecting and disconnecting a
// pair. Every call that connects, disconnects or reconnects appends to the
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
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CONNECTION_STORE_H_
