#ifndef ENGAGE_PROFILE_SVC_ERASURE_DISPATCHER_H_
#define ENGAGE_PROFILE_SVC_ERASURE_DISPATCHER_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/time/clock.h"
#include "profile_svc/connection_eraser.h"
#include "profile_svc/erasure_store.h"

namespace engage::profile {

// PRF-11: carries the erasures the tombstone queued (profile_erasures) to
// connection_svc. A deletion tries at once (Deliver); what fails waits and is
// tried again by the retry pass (DeliverDue, on a timer in every replica)
// with growing delays (ErasureRetryDelay), never given up. The row is deleted
// only after connection_svc confirmed, so nothing is lost across crashes;
// connection_svc's erasure is idempotent, so two replicas trying one row at
// once do no harm.
class ErasureDispatcher {
 public:
  ErasureDispatcher(ErasureStore& store, ConnectionEraser& eraser, const Clock& clock)
      : store_(store), eraser_(eraser), clock_(clock) {}

  // Tries the pending erasure of one profile now (none pending: OK). A
  // failure is recorded for the retry pass and returned.
  absl::Status Deliver(const std::string& tenant, const std::string& profile_id);
  // The retry pass: tries up to `limit` due erasures; returns how many were
  // confirmed.
  absl::StatusOr<int> DeliverDue(int limit);

 private:
  absl::Status Attempt(const PendingErasure& erasure);

  ErasureStore& store_;
  ConnectionEraser& eraser_;
  const Clock& clock_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_ERASURE_DISPATCHER_H_
