#include "gateway/rate_limiter.h"

#include <algorithm>

namespace engage::gateway {

RateLimiter::RateLimiter(double rate, double burst, const Clock& clock)
    : rate_(rate), burst_(burst), clock_(clock), last_sweep_(clock.Now()) {}

absl::Duration RateLimiter::Acquire(const std::string& caller) {
  const absl::Time now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  // Forget callers whose buckets are full again, so memory stays flat.
  if (now - last_sweep_ > absl::Minutes(1)) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      double refill = absl::ToDoubleSeconds(now - it->second.refilled) * rate_;
      it = it->second.tokens + refill >= burst_ ? buckets_.erase(it) : std::next(it);
    }
    last_sweep_ = now;
  }
  auto [it, fresh] = buckets_.try_emplace(caller, Bucket{burst_, now});
  Bucket& b = it->second;
  b.tokens = std::min(burst_, b.tokens + absl::ToDoubleSeconds(now - b.refilled) * rate_);
  b.refilled = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return absl::ZeroDuration();
  }
  return absl::Seconds((1.0 - b.tokens) / rate_);
}

}  // namespace engage::gateway
