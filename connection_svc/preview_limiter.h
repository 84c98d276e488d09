#ifndef ENGAGE_CONNECTION_SVC_PREVIEW_LIMITER_H_
#define ENGAGE_CONNECTION_SVC_PREVIEW_LIMITER_H_

#include <string>

#include "absl/status/status.h"
#include "common/limits/rate_limiter.h"
#include "common/time/clock.h"
#include "connection_svc/rules/preview_rules.h"

namespace engage::connection {

// CON-12: the house's token bucket (common/limits) per caller (tenant +
// subject) at the PreviewRate, held by this replica, with the preview's own
// refusal. The table is bounded like every RateLimiter's: a forgotten caller
// starts full, which is what a full bucket would have given them anyway.
class PreviewLimiter {
 public:
  PreviewLimiter(PreviewRate rate, const Clock& clock, size_t max_callers = 100000)
      : buckets_(rate.per_minute / 60, rate.burst, clock, max_callers) {}

  // OK, or RESOURCE_EXHAUSTED with a RetryInfo (PreviewRateExceeded).
  absl::Status Spend(const std::string& caller) {
    const absl::Duration wait = buckets_.Acquire(caller);
    if (wait > absl::ZeroDuration()) return PreviewRateExceeded(wait);
    return absl::OkStatus();
  }

 private:
  RateLimiter buckets_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_PREVIEW_LIMITER_H_
