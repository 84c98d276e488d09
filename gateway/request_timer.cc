#include "gateway/request_timer.h"

#include "absl/strings/str_cat.h"

namespace engage::gateway {

grpc::Status RequestTimer::Expired() const {
  if (deadline_first) {
    return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                        "SEC-11: the call's deadline passed before its request message arrived");
  }
  return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                      absl::StrCat("SEC-11: no request message within ", wait_millis,
                                   " ms (ENGAGE_REQUEST_MESSAGE_TIMEOUT_MILLIS)"));
}

RequestTimer RequestTimerFor(std::chrono::system_clock::time_point now, absl::Duration wait,
                             std::chrono::system_clock::time_point deadline) {
  RequestTimer timer;
  timer.wait_millis = absl::ToInt64Milliseconds(wait);
  timer.due = now + absl::ToChronoMilliseconds(wait);
  if (deadline < timer.due) {
    timer.due = deadline;
    timer.deadline_first = true;
  }
  return timer;
}

}  // namespace engage::gateway
