#include "common/limits/rate_limiter.h"

#include <algorithm>

namespace engage {

RateLimiter::RateLimiter(double rate, double burst, const Clock& clock, size_t max_keys)
    : rate_(rate),
      burst_(burst),
      clock_(clock),
      max_keys_(std::max<size_t>(1, max_keys)),
      last_sweep_(clock.Now()) {}

absl::Duration RateLimiter::Acquire(const std::string& key) {
  const absl::Time now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  Bucket& b = Refilled(key, now);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return absl::ZeroDuration();
  }
  return Shortfall(b);
}

absl::Duration RateLimiter::Wait(const std::string& key) {
  const absl::Time now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return absl::ZeroDuration();  // a full bucket
  Bucket& b = it->second;
  b.tokens = std::min(burst_, b.tokens + absl::ToDoubleSeconds(now - b.refilled) * rate_);
  b.refilled = now;
  return b.tokens >= 1.0 ? absl::ZeroDuration() : Shortfall(b);
}

size_t RateLimiter::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return buckets_.size();
}

RateLimiter::Bucket& RateLimiter::Refilled(const std::string& key, absl::Time now) {
  // Forget keys whose buckets are full again, so memory stays flat.
  if (now - last_sweep_ > absl::Minutes(1)) MakeRoom(now);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) MakeRoom(now);
    it = buckets_.emplace(key, Bucket{burst_, now}).first;
  }
  Bucket& b = it->second;
  b.tokens = std::min(burst_, b.tokens + absl::ToDoubleSeconds(now - b.refilled) * rate_);
  b.refilled = now;
  return b;
}

void RateLimiter::MakeRoom(absl::Time now) {
  last_sweep_ = now;
  auto fullest = buckets_.end();
  double most = -1;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const double tokens =
        it->second.tokens + absl::ToDoubleSeconds(now - it->second.refilled) * rate_;
    if (tokens >= burst_) {
      it = buckets_.erase(it);
      continue;
    }
    if (tokens > most) most = tokens, fullest = it;
    ++it;
  }
  if (buckets_.size() >= max_keys_ && fullest != buckets_.end()) buckets_.erase(fullest);
}

absl::Duration RateLimiter::Shortfall(const Bucket& b) const {
  return absl::Seconds((1.0 - b.tokens) / rate_);
}

}  // namespace engage
