#include "common/time/periodic_task.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace engage {
namespace {

// Waits up to 10 s for `done`, polling: the task runs on its own thread.
template <typename Done>
bool Eventually(Done done) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

TEST(PeriodicTaskTest, RunsEveryIntervalAndNeverAfterDestruction) {
  std::atomic<int> runs{0};
  {
    PeriodicTask task(absl::Milliseconds(1), [&] { ++runs; });
    EXPECT_TRUE(Eventually([&] { return runs >= 3; }));
  }
  const int at_stop = runs;
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(runs, at_stop);
}

TEST(PeriodicTaskTest, RunNowRunsAtOnceAndStopDoesNotWaitForTheInterval) {
  std::atomic<int> runs{0};
  const auto start = std::chrono::steady_clock::now();
  {
    PeriodicTask task(
        absl::Hours(1), [&] { ++runs; }, /*run_now=*/true);
    EXPECT_TRUE(Eventually([&] { return runs == 1; }));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(runs, 1);
}

TEST(PeriodicTaskTest, WithoutRunNowTheFirstRunWaitsForTheInterval) {
  std::atomic<int> runs{0};
  {
    PeriodicTask task(absl::Hours(1), [&] { ++runs; });
  }
  EXPECT_EQ(runs, 0);
}

}  // namespace
}  // namespace engage
