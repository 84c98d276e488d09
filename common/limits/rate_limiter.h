#ifndef ENGAGE_COMMON_LIMITS_RATE_LIMITER_H_
#define ENGAGE_COMMON_LIMITS_RATE_LIMITER_H_

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/time/time.h"
#include "common/time/clock.h"

namespace engage {

// A token bucket per key (a caller, a tenant, a peer address): `rate` calls
// per second on average, bursts up to `burst`. One key over its rate does not
// slow any other. The table holds at most `max_keys` buckets, so keys an
// attacker can invent (peer addresses) cannot grow it without end: buckets
// that are full again are forgotten first, then the fullest ones (the keys
// that spent least, i.e. the least suspicious).
class RateLimiter {
 public:
  RateLimiter(double rate, double burst, const Clock& clock, size_t max_keys = 100000);

  // Zero when the call may go ahead (and a token is taken); otherwise how
  // long until it could.
  absl::Duration Acquire(const std::string& key);
  // Like Acquire, but takes nothing: zero when `key` has a token left.
  absl::Duration Wait(const std::string& key);
  // Buckets held (for tests).
  size_t size();

 private:
  struct Bucket {
    double tokens;
    absl::Time refilled;
  };
  // The key's bucket, refilled up to `now`; makes room for a new key first.
  Bucket& Refilled(const std::string& key, absl::Time now);
  void MakeRoom(absl::Time now);
  absl::Duration Shortfall(const Bucket& b) const;

  double rate_;
  double burst_;
  const Clock& clock_;
  size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  absl::Time last_sweep_;
};

}  // namespace engage

#endif  // ENGAGE_COMMON_LIMITS_RATE_LIMITER_H_
