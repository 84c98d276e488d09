#ifndef ENGAGE_CONNECTION_SVC_PREVIEW_LIMITER_H_
#define ENGAGE_CONNECTION_SVC_PREVIEW_LIMITER_H_

#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/status/status.h"
#include "common/time/clock.h"
#include "connection_svc/rules/preview_rules.h"

namespace engage::connection {

// CON-12: a PreviewRate bucket per caller (tenant + subject), held by this
// replica. The table is bounded: past `max_callers`, buckets that are full
// again are forgotten (a forgotten caller starts full, which is what a full
// bucket would have given them anyway).
class PreviewLimiter {
 public:
  PreviewLimiter(PreviewRate rate, const Clock& clock, size_t max_callers = 100000)
      : rate_(rate), clock_(clock), max_callers_(max_callers) {}

  // OK, or RESOURCE_EXHAUSTED with a RetryInfo (PreviewRateExceeded).
  absl::Status Spend(const std::string& caller);

 private:
  PreviewRate rate_;
  const Clock& clock_;
  size_t max_callers_;
  std::mutex mu_;
  std::unordered_map<std::string, PreviewBucket> buckets_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_PREVIEW_LIMITER_H_
