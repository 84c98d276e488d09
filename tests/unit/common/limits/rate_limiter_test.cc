#include "common/limits/rate_limiter.h"

#include <gtest/gtest.h>

namespace engage {
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

TEST(RateLimiterTest, WaitTakesNothing) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  RateLimiter limiter(1, 2, clock);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(limiter.Wait("a"), absl::ZeroDuration());
  EXPECT_EQ(limiter.size(), 0u);  // an unknown key is a full bucket: nothing stored
  EXPECT_EQ(limiter.Acquire("a"), absl::ZeroDuration());
  EXPECT_EQ(limiter.Acquire("a"), absl::ZeroDuration());
  EXPECT_GT(limiter.Wait("a"), absl::ZeroDuration());
  clock.Advance(absl::Seconds(1));
  EXPECT_EQ(limiter.Wait("a"), absl::ZeroDuration());
}

// SEC-11: keys an attacker invents (peer addresses) cannot grow the table
// past its bound, and the keys that spent most are the ones kept.
TEST(SEC11_RateLimiter, TableStaysWithinItsBoundKeepingTheMostDrainedKeys) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  RateLimiter limiter(1.0 / 60, 5, clock, /*max_keys=*/100);
  for (int i = 0; i < 5; ++i) (void)limiter.Acquire("offender");
  EXPECT_GT(limiter.Wait("offender"), absl::ZeroDuration());
  for (int i = 0; i < 1000; ++i) (void)limiter.Acquire("peer" + std::to_string(i));
  EXPECT_LE(limiter.size(), 100u);
  EXPECT_GT(limiter.Wait("offender"), absl::ZeroDuration());
}

TEST(SEC11_RateLimiter, FullBucketsAreForgottenFirst) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  RateLimiter limiter(10, 2, clock, /*max_keys=*/3);
  (void)limiter.Acquire("a");
  (void)limiter.Acquire("b");
  (void)limiter.Acquire("c");
  (void)limiter.Acquire("c");
  clock.Advance(absl::Milliseconds(150));  // a and b full again, c not
  (void)limiter.Acquire("d");
  EXPECT_LE(limiter.size(), 3u);
  EXPECT_EQ(limiter.Acquire("c"), absl::ZeroDuration());
  EXPECT_GT(limiter.Acquire("c"), absl::ZeroDuration());
}

}  // namespace
}  // namespace engage
