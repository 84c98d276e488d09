#ifndef ENGAGE_GATEWAY_RATE_LIMITER_H_
#define ENGAGE_GATEWAY_RATE_LIMITER_H_

#include <map>
#include <mutex>
#include <string>

#include "absl/time/time.h"
#include "common/time/clock.h"

namespace engage::gateway {

// A token bucket per caller: `rate` calls per second on average, bursts up to
// `burst`. One caller over its rate does not slow anyone else.
class RateLimiter {
 public:
  RateLimiter(double rate, double burst, const Clock& clock);

  // Zero when the call may go ahead; otherwise how long until it could.
  absl::Duration Acquire(const std::string& caller);

 private:
  struct Bucket {
    double tokens;
    absl::Time refilled;
  };
  double rate_;
  double burst_;
  const Clock& clock_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
  absl::Time last_sweep_;
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_RATE_LIMITER_H_
