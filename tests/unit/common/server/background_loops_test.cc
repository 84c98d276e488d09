#include "common/server/background_loops.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace engage::server {
namespace {

TEST(BackgroundLoopsTest, EveryRunsThePassUntilStopEvenWhenItFails) {
  std::atomic<int> passes{0};
  BackgroundLoops loops;
  loops.Every(absl::Milliseconds(5), "test pass", [&] {
    ++passes;
    return absl::InternalError("failed on purpose");  // logged; the loop goes on
  });
  for (int i = 0; i < 400 && passes < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GE(passes.load(), 3);
  loops.Stop();
  const int stopped_at = passes;
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(passes.load(), stopped_at);
}

TEST(BackgroundLoopsTest, NoLoopWithoutAPositiveInterval) {
  std::atomic<int> passes{0};
  {
    BackgroundLoops loops;
    loops.Every(absl::ZeroDuration(), "never", [&] {
      ++passes;
      return absl::OkStatus();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(passes.load(), 0);
}

}  // namespace
}  // namespace engage::server
