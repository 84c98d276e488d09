// SEC-11: calls whose request message is late are ended, once, and only them.
#include "gateway/request_watch.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace engage::gateway {
namespace {

using std::chrono::milliseconds;
using TimePoint = RequestWatch::TimePoint;

class Call final : public RequestWatch::Waiter {
 public:
  void OnRequestTimeout() override { ++timeouts; }
  std::atomic<int> timeouts{0};
};

TEST(SEC11_RequestWatch, OnlyCallsPastTheirDueTimeAreEndedAndOnlyOnce) {
  RequestWatch watch(absl::ZeroDuration());
  const TimePoint t0 = std::chrono::system_clock::now();
  Call early, late, left;
  watch.Add(&early, t0 + milliseconds(100));
  watch.Add(&late, t0 + milliseconds(300));
  watch.Add(&left, t0 + milliseconds(100));
  EXPECT_TRUE(watch.Remove(&left));  // its message came
  EXPECT_EQ(watch.Sweep(t0 + milliseconds(99)), 0);
  EXPECT_EQ(watch.Sweep(t0 + milliseconds(100)), 1);
  EXPECT_EQ(early.timeouts, 1);
  EXPECT_EQ(late.timeouts, 0);
  EXPECT_EQ(left.timeouts, 0);
  // Taken by the watch: its own Remove says so, and it is not ended again.
  EXPECT_FALSE(watch.Remove(&early));
  EXPECT_EQ(watch.Sweep(t0 + milliseconds(1000)), 1);
  EXPECT_EQ(early.timeouts, 1);
  EXPECT_EQ(late.timeouts, 1);
  EXPECT_EQ(watch.size(), 0);
  EXPECT_FALSE(watch.Remove(&left));
}

TEST(SEC11_RequestWatch, ItsThreadEndsLateCallsWithinATick) {
  RequestWatch watch(absl::Milliseconds(10));
  Call call;
  watch.Add(&call, std::chrono::system_clock::now() + milliseconds(30));
  for (int i = 0; i < 200 && call.timeouts == 0; ++i) std::this_thread::sleep_for(milliseconds(5));
  EXPECT_EQ(call.timeouts, 1);
  EXPECT_FALSE(watch.Remove(&call));
}

TEST(SEC11_RequestWatch, RemovalsRacingTheSweepEndEachCallExactlyOnce) {
  RequestWatch watch(absl::ZeroDuration());
  const TimePoint due = std::chrono::system_clock::now();
  std::vector<Call> calls(2000);
  for (auto& c : calls) watch.Add(&c, due);
  std::atomic<int> removed{0};
  std::thread remover([&] {
    for (auto& c : calls) removed += watch.Remove(&c) ? 1 : 0;
  });
  int swept = 0;
  for (int i = 0; i < 50; ++i) swept += watch.Sweep(due);
  remover.join();
  swept += watch.Sweep(due);
  EXPECT_EQ(removed + swept, 2000);
  int ended = 0;
  for (auto& c : calls) {
    EXPECT_LE(c.timeouts, 1);
    ended += c.timeouts;
  }
  EXPECT_EQ(ended, swept);
}

}  // namespace
}  // namespace engage::gateway
