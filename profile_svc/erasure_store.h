#ifndef ENGAGE_PROFILE_SVC_ERASURE_STORE_H_
#define ENGAGE_PROFILE_SVC_ERASURE_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace engage::profile {

// An erasure connection_svc has not confirmed yet (PRF-11): written with the
// profile's tombstone, deleted once connection_svc has erased its part.
struct PendingErasure {
  std::string tenant;
  std::string profile_id;
  std::string email;  // what connection_svc matches interactions and invites by
  int attempts = 0;
};

// The queue of pending erasures (table profile_erasures), across tenants.
class ErasureStore {
 public:
  virtual ~ErasureStore() = default;
  // The pending erasure of one profile; nullopt when there is none (done).
  virtual absl::StatusOr<std::optional<PendingErasure>> Get(const std::string& tenant,
                                                            const std::string& profile_id) = 0;
  // Erasures due at `now`, the longest-waiting first.
  virtual absl::StatusOr<std::vector<PendingErasure>> Due(absl::Time now, int limit) = 0;
  // connection_svc confirmed: the row (and the e-mail it kept) goes.
  virtual absl::Status Done(const std::string& tenant, const std::string& profile_id) = 0;
  // A failed attempt: counted, tried again at `next_attempt`.
  virtual absl::Status Failed(const std::string& tenant, const std::string& profile_id,
                              absl::Time next_attempt, const std::string& error) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_ERASURE_STORE_H_
