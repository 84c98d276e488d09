#include "connection_svc/preview_limiter.h"

namespace engage::connection {

absl::Status PreviewLimiter::Spend(const std::string& caller) {
  const absl::Time now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.size() >= max_callers_ && buckets_.find(caller) == buckets_.end()) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      // A bucket full again by now (a spend on a copy leaves burst - 1):
      // forgetting it changes nothing.
      PreviewBucket probe = it->second;
      SpendPreview(probe, rate_, now);
      it = probe.tokens + 1 >= rate_.burst ? buckets_.erase(it) : std::next(it);
    }
    if (buckets_.size() >= max_callers_) buckets_.clear();
  }
  const absl::Duration wait = SpendPreview(buckets_[caller], rate_, now);
  if (wait > absl::ZeroDuration()) return PreviewRateExceeded(wait);
  return absl::OkStatus();
}

}  // namespace engage::connection
