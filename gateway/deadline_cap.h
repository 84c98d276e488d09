#ifndef ENGAGE_GATEWAY_DEADLINE_CAP_H_
#define ENGAGE_GATEWAY_DEADLINE_CAP_H_

#include <chrono>

#include "absl/time/time.h"

namespace engage::gateway {

// The deadline a relayed call gets: the caller's own, or `default_deadline`
// from `now` when it set none (time_point::max()), never beyond
// `max_deadline` from `now`, so no caller holds a backend slot for longer.
std::chrono::system_clock::time_point CappedDeadline(
    std::chrono::system_clock::time_point requested, std::chrono::system_clock::time_point now,
    absl::Duration default_deadline, absl::Duration max_deadline);

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_DEADLINE_CAP_H_
