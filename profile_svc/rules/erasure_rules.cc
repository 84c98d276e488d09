#include "profile_svc/rules/erasure_rules.h"

#include <algorithm>

namespace engage::profile {

absl::Duration ErasureRetryDelay(int attempts) {
  constexpr absl::Duration kFirst = absl::Seconds(5);
  constexpr absl::Duration kMost = absl::Hours(1);
  // 2^10 * 5 s is past an hour already: no shift beyond that can overflow.
  const int doublings = std::clamp(attempts - 1, 0, 10);
  return std::min(kFirst * (int64_t{1} << doublings), kMost);
}

}  // namespace engage::profile
