#ifndef ENGAGE_GATEWAY_REQUEST_TIMER_H_
#define ENGAGE_GATEWAY_REQUEST_TIMER_H_

#include <grpcpp/support/status.h>

#include <chrono>
#include <cstdint>

#include "absl/time/time.h"

namespace engage::gateway {

// How long a relayed call waits for the caller's first (for unary and
// server-streaming methods, only) request message before it is ended and its
// slot freed (SEC-11): a caller that sends headers and then nothing holds no
// slot beyond the configured wait, nor beyond the call's deadline.
struct RequestTimer {
  std::chrono::system_clock::time_point due;
  int64_t wait_millis = 0;
  bool deadline_first = false;  // the call's deadline comes before the wait ends

  // The status that ends a call whose message did not come by `due`.
  grpc::Status Expired() const;
};

// The timer of a call that starts at `now` with the (already capped) `deadline`.
RequestTimer RequestTimerFor(std::chrono::system_clock::time_point now, absl::Duration wait,
                             std::chrono::system_clock::time_point deadline);

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_REQUEST_TIMER_H_
