#include "gateway/rate_limiter.h"

#include <gtest/gtest.h>

namespace engage::gateway {
namespace {

TEST(RateLimiterTest, BurstThenRefusalWithRetryDelay) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  RateLimiter limiter(10, 3, clock);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Acquire("a"), absl::ZeroDuration());
  absl::Duration wait = limiter.Acquire("a");
  EXPECT_GT(wait, absl::ZeroDuration());
  EXPECT_LE(wait, absl::Milliseconds(100));
}

TEST(RateLimiterTest, OneCallerOverItsRateDoesNotAffectAnother) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  RateLimiter limiter(1, 1, clock);
  EXPECT_EQ(limiter.Acquire("a"), absl::ZeroDuration());
  EXPECT_GT(limiter.Acquire("a"), absl::ZeroDuration());
  EXPECT_EQ(limiter.Acquire("b"), absl::ZeroDuration());
}

TEST(RateLimiterTest, TokensRefillWithTime) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  RateLimiter limiter(2, 1, clock);
  EXPECT_EQ(limiter.Acquire("a"), absl::ZeroDuration());
  EXPECT_GT(limiter.Acquire("a"), absl::ZeroDuration());
  clock.Advance(absl::Milliseconds(500));
  EXPECT_EQ(limiter.Acquire("a"), absl::ZeroDuration());
}

}  // namespace
}  // namespace engage::gateway
