#include "profile_svc/erasure_dispatcher.h"

#include "common/log/log.h"
#include "common/status/status_macros.h"
#include "profile_svc/rules/erasure_rules.h"

namespace engage::profile {

absl::Status ErasureDispatcher::Attempt(const PendingErasure& erasure) {
  absl::Status erased = eraser_.EraseHcpData(erasure.tenant, erasure.profile_id, erasure.email);
  if (erased.ok()) return store_.Done(erasure.tenant, erasure.profile_id);
  const absl::Time next = clock_.Now() + ErasureRetryDelay(erasure.attempts + 1);
  log::Warn("PRF-11: connection_svc did not erase a removed profile's data; retrying later",
            {{"tenant", erasure.tenant},
             {"profile_id", erasure.profile_id},
             {"attempts", std::to_string(erasure.attempts + 1)},
             {"error", erased.ToString()}});
  RETURN_IF_ERROR(
      store_.Failed(erasure.tenant, erasure.profile_id, next, std::string(erased.message())));
  return erased;
}

absl::Status ErasureDispatcher::Deliver(const std::string& tenant, const std::string& profile_id) {
  ASSIGN_OR_RETURN(auto pending, store_.Get(tenant, profile_id));
  if (!pending) return absl::OkStatus();
  return Attempt(*pending);
}

absl::StatusOr<int> ErasureDispatcher::DeliverDue(int limit) {
  ASSIGN_OR_RETURN(auto due, store_.Due(clock_.Now(), limit));
  int done = 0;
  for (const auto& erasure : due) {
    if (Attempt(erasure).ok()) ++done;
  }
  return done;
}

}  // namespace engage::profile
