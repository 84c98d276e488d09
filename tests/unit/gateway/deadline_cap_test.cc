#include "gateway/deadline_cap.h"

#include "gtest/gtest.h"

namespace engage::gateway {
namespace {

using Clock = std::chrono::system_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Clock::time_point kNow = Clock::time_point(seconds(1'700'000'000));
const absl::Duration kDefault = absl::Seconds(10);
const absl::Duration kMax = absl::Seconds(60);

TEST(DeadlineCap, NoDeadlineGetsTheDefault) {
  EXPECT_EQ(CappedDeadline(Clock::time_point::max(), kNow, kDefault, kMax), kNow + seconds(10));
}

TEST(DeadlineCap, ACallersDeadlineWithinTheMaximumIsKept) {
  EXPECT_EQ(CappedDeadline(kNow + milliseconds(250), kNow, kDefault, kMax),
            kNow + milliseconds(250));
  EXPECT_EQ(CappedDeadline(kNow + seconds(60), kNow, kDefault, kMax), kNow + seconds(60));
}

TEST(DeadlineCap, SEC11_ALongerDeadlineIsCutToTheMaximum) {
  EXPECT_EQ(CappedDeadline(kNow + seconds(3600), kNow, kDefault, kMax), kNow + seconds(60));
}

TEST(DeadlineCap, ADefaultAboveTheMaximumIsCutToo) {
  EXPECT_EQ(CappedDeadline(Clock::time_point::max(), kNow, absl::Minutes(5), kMax),
            kNow + seconds(60));
}

TEST(DeadlineCap, AnExpiredDeadlineStaysExpired) {
  EXPECT_EQ(CappedDeadline(kNow - seconds(1), kNow, kDefault, kMax), kNow - seconds(1));
}

}  // namespace
}  // namespace engage::gateway
