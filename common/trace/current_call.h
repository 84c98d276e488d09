#ifndef ENGAGE_COMMON_TRACE_CURRENT_CALL_H_
#define ENGAGE_COMMON_TRACE_CURRENT_CALL_H_

#include <string>

#include "absl/time/time.h"
#include "common/trace/trace_context.h"

namespace engage::trace {

// The call a thread is handling: what every log line it writes and every
// call it makes to another service carry on (deadline, x-request-id, trace).
struct CurrentCall {
  absl::Time deadline = absl::InfiniteFuture();
  std::string request_id;
  TraceContext trace;

  // The call of this thread, or nullptr outside any (background work).
  static const CurrentCall* Get();
};

// Makes `call` the current call of this thread for the scope's lifetime
// (server::Handle opens one around every handler).
class CallScope {
 public:
  explicit CallScope(CurrentCall call);
  ~CallScope();
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;

 private:
  CurrentCall call_;
  const CurrentCall* previous_;
};

}  // namespace engage::trace

#endif  // ENGAGE_COMMON_TRACE_CURRENT_CALL_H_
