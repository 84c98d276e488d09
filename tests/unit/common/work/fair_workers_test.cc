// SEC-11: background work runs on bounded workers, each tenant in turn.
#include "common/work/fair_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <vector>

namespace engage::work {
namespace {

TEST(SEC11_FairWorkers, AnotherTenantsTaskRunsBeforeTheGreedyTenantsBacklog) {
  FairWorkers workers(1, 100);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::mutex mu;
  std::vector<std::string> order;
  // The greedy tenant's first task holds the only worker until released.
  std::promise<void> started;
  ASSERT_TRUE(workers
                  .Submit("greedy",
                          [&, gate] {
                            started.set_value();
                            gate.wait();
                            std::lock_guard<std::mutex> lock(mu);
                            order.push_back("greedy-0");
                          })
                  .ok());
  started.get_future().wait();
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(workers
                    .Submit("greedy",
                            [&, i] {
                              std::lock_guard<std::mutex> lock(mu);
                              order.push_back("greedy-" + std::to_string(i));
                            })
                    .ok());
  }
  ASSERT_TRUE(workers
                  .Submit("modest",
                          [&] {
                            std::lock_guard<std::mutex> lock(mu);
                            order.push_back("modest");
                          })
                  .ok());
  EXPECT_EQ(workers.Queued("greedy"), 5);
  release.set_value();
  workers.Drain();
  ASSERT_EQ(order.size(), 7u);
  // Right after the task that held the worker: the modest tenant, not five greedy ones.
  EXPECT_EQ(order[0], "greedy-0");
  EXPECT_EQ(order[1], "modest");
}

TEST(SEC11_FairWorkers, TheQueueIsBoundedAndSaysSo) {
  FairWorkers workers(1, 3);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(workers.Submit("t", [gate] { gate.wait(); }).ok());
  EXPECT_FALSE(workers.HasRoom());
  absl::Status full = workers.Submit("other", [] {});
  EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted);
  release.set_value();
  workers.Drain();
  EXPECT_TRUE(workers.HasRoom());
}

TEST(SEC11_FairWorkers, NoMoreThanTheWorkersRunAtOnce) {
  FairWorkers workers(2, 50);
  std::atomic<int> running{0}, peak{0};
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(workers
                    .Submit(std::to_string(i % 4),
                            [&] {
                              int now = ++running;
                              int seen = peak.load();
                              while (now > seen && !peak.compare_exchange_weak(seen, now)) {
                              }
                              std::this_thread::sleep_for(std::chrono::milliseconds(2));
                              --running;
                            })
                    .ok());
  }
  workers.Drain();
  EXPECT_LE(peak.load(), 2);
  EXPECT_GE(peak.load(), 1);
}

}  // namespace
}  // namespace engage::work
