#include "profile_svc/rules/erasure_rules.h"

#include <gtest/gtest.h>

namespace engage::profile {
namespace {

TEST(PRF11_ErasureRetry, DelaysDoubleFromFiveSecondsUpToAnHourAndNeverStop) {
  EXPECT_EQ(ErasureRetryDelay(1), absl::Seconds(5));
  EXPECT_EQ(ErasureRetryDelay(2), absl::Seconds(10));
  EXPECT_EQ(ErasureRetryDelay(3), absl::Seconds(20));
  EXPECT_EQ(ErasureRetryDelay(10), absl::Seconds(5 * 512));
  EXPECT_EQ(ErasureRetryDelay(11), absl::Hours(1));
  EXPECT_EQ(ErasureRetryDelay(1000000), absl::Hours(1));
  EXPECT_EQ(ErasureRetryDelay(0), absl::Seconds(5));  // a first failure however counted
}

}  // namespace
}  // namespace engage::profile
