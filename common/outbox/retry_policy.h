#ifndef ENGAGE_COMMON_OUTBOX_RETRY_POLICY_H_
#define ENGAGE_COMMON_OUTBOX_RETRY_POLICY_H_

#include "absl/time/time.h"

namespace engage::outbox {

// When a failed delivery is tried again: `first` after the first failure,
// doubling per failure up to `max`, each wait spread by +-`jitter` (a
// fraction) so that replicas and keys that failed together do not retry in
// lockstep against a target that just came back.
struct RetryPolicy {
  absl::Duration first = absl::Seconds(1);
  absl::Duration max = absl::Minutes(5);
  double jitter = 0.2;
  // Give a message up after this many failed attempts (0: never; it waits,
  // and blocks its key, until its target takes it).
  int max_attempts = 0;
};

// The wait before the attempt after failure number `attempts` (1 = the first
// failure). `unit_random` is uniform in [0, 1): 0.5 gives the wait without
// jitter. Pure, so tests pin it.
absl::Duration BackoffDelay(const RetryPolicy& policy, int attempts, double unit_random);

// Whether failure number `attempts` gives the message up.
bool GivesUp(const RetryPolicy& policy, int attempts);

}  // namespace engage::outbox

#endif  // ENGAGE_COMMON_OUTBOX_RETRY_POLICY_H_
