#include "gateway/deadline_cap.h"

#include <algorithm>

namespace engage::gateway {

std::chrono::system_clock::time_point CappedDeadline(
    std::chrono::system_clock::time_point requested, std::chrono::system_clock::time_point now,
    absl::Duration default_deadline, absl::Duration max_deadline) {
  if (requested == std::chrono::system_clock::time_point::max()) {
    requested = now + absl::ToChronoMilliseconds(default_deadline);
  }
  return std::min(requested, now + absl::ToChronoMilliseconds(max_deadline));
}

}  // namespace engage::gateway
