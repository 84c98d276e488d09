// CON-12: previews per caller, against token guessing.
#include "connection_svc/preview_limiter.h"

#include <gtest/gtest.h>

#include "common/status/errors.h"

namespace engage::connection {
namespace {

TEST(CON12_PreviewRate, BurstThenOnePerRefill) {
  FakeClock clock(absl::FromUnixSeconds(1700000000));
  PreviewLimiter previews(PreviewRate{60, 3}, clock);  // one a second after a burst of three
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(previews.Spend("t/a").ok());
  const absl::Status refused = previews.Spend("t/a");
  EXPECT_EQ(refused.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ReasonOf(refused), "CON-12");
  // A refused call takes nothing: a second later exactly one more goes.
  clock.Advance(absl::Seconds(1));
  EXPECT_TRUE(previews.Spend("t/a").ok());
  EXPECT_FALSE(previews.Spend("t/a").ok());
  // Refills stop at the burst.
  clock.Advance(absl::Hours(1));
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(previews.Spend("t/a").ok());
  EXPECT_FALSE(previews.Spend("t/a").ok());
}

TEST(CON12_PreviewRate, OneCallerOverItsRateDoesNotSlowAnother) {
  FakeClock clock(absl::FromUnixSeconds(1700000000));
  PreviewLimiter previews(PreviewRate{60, 1}, clock);
  EXPECT_TRUE(previews.Spend("t/a").ok());
  EXPECT_FALSE(previews.Spend("t/a").ok());
  EXPECT_TRUE(previews.Spend("t/b").ok());
}

}  // namespace
}  // namespace engage::connection
