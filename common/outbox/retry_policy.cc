#include "common/outbox/retry_policy.h"

#include <algorithm>

namespace engage::outbox {

absl::Duration BackoffDelay(const RetryPolicy& policy, int attempts, double unit_random) {
  absl::Duration wait = policy.first;
  // Doubling stops at the cap, so no count of attempts overflows.
  for (int i = 1; i < attempts && wait < policy.max; ++i) wait *= 2;
  wait = std::min(wait, policy.max);
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  const double r = std::clamp(unit_random, 0.0, 1.0);
  return wait * (1.0 + jitter * (2.0 * r - 1.0));
}

bool GivesUp(const RetryPolicy& policy, int attempts) {
  return policy.max_attempts > 0 && attempts >= policy.max_attempts;
}

}  // namespace engage::outbox
