// The outbox's retries: exponential backoff with jitter, and when a message is given up.
#include "common/outbox/retry_policy.h"

#include <gtest/gtest.h>

namespace engage::outbox {
namespace {

TEST(OutboxRetryPolicy, DoublesFromTheFirstWaitUpToTheCap) {
  RetryPolicy p;  // 1 s, doubling, at most 5 min
  EXPECT_EQ(BackoffDelay(p, 1, 0.5), absl::Seconds(1));
  EXPECT_EQ(BackoffDelay(p, 2, 0.5), absl::Seconds(2));
  EXPECT_EQ(BackoffDelay(p, 5, 0.5), absl::Seconds(16));
  EXPECT_EQ(BackoffDelay(p, 9, 0.5), absl::Seconds(256));
  EXPECT_EQ(BackoffDelay(p, 10, 0.5), absl::Minutes(5));
  EXPECT_EQ(BackoffDelay(p, 1 << 30, 0.5), absl::Minutes(5));  // no overflow
}

TEST(OutboxRetryPolicy, JitterSpreadsTheWaitWithinItsFraction) {
  RetryPolicy p;
  p.jitter = 0.2;
  EXPECT_EQ(BackoffDelay(p, 3, 0.0), absl::Seconds(4) * 0.8);
  EXPECT_EQ(BackoffDelay(p, 3, 1.0), absl::Seconds(4) * 1.2);
  EXPECT_LT(BackoffDelay(p, 3, 0.25), absl::Seconds(4));
  EXPECT_GT(BackoffDelay(p, 3, 0.75), absl::Seconds(4));
  p.jitter = 0;
  EXPECT_EQ(BackoffDelay(p, 3, 0.9), absl::Seconds(4));
}

TEST(OutboxRetryPolicy, GivesUpOnlyWithALimitAndAtIt) {
  RetryPolicy p;
  EXPECT_FALSE(GivesUp(p, 1000000));  // 0: never
  p.max_attempts = 3;
  EXPECT_FALSE(GivesUp(p, 2));
  EXPECT_TRUE(GivesUp(p, 3));
}

}  // namespace
}  // namespace engage::outbox
