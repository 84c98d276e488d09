// SEC-11: a call waits for its request message a bounded time.
#include "gateway/request_timer.h"

#include <gtest/gtest.h>

namespace engage::gateway {
namespace {

using Clock = std::chrono::system_clock;

TEST(SEC11_RequestTimer, DueAfterTheWaitWhenTheDeadlineIsLater) {
  const auto now = Clock::now();
  RequestTimer timer =
      RequestTimerFor(now, absl::Milliseconds(2000), now + std::chrono::seconds(10));
  EXPECT_EQ(timer.due, now + std::chrono::milliseconds(2000));
  EXPECT_FALSE(timer.deadline_first);
  grpc::Status expired = timer.Expired();
  EXPECT_EQ(expired.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_NE(expired.error_message().find("no request message within 2000 ms"), std::string::npos);
}

TEST(SEC11_RequestTimer, DueAtTheDeadlineWhenItComesFirst) {
  const auto now = Clock::now();
  const auto deadline = now + std::chrono::milliseconds(300);
  RequestTimer timer = RequestTimerFor(now, absl::Milliseconds(2000), deadline);
  EXPECT_EQ(timer.due, deadline);
  EXPECT_TRUE(timer.deadline_first);
  EXPECT_EQ(timer.Expired().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_NE(timer.Expired().error_message().find("deadline passed"), std::string::npos);
}

}  // namespace
}  // namespace engage::gateway
