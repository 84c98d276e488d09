#include "bench/loadgen/driver.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace engage::bench {
namespace {

// Answers every call after `delay` on a worker thread, like a server would on
// gRPC's callback threads, and counts the largest number in flight at once.
class FakeCall final : public CallKind {
 public:
  FakeCall(std::chrono::microseconds delay, grpc::StatusCode code) : delay_(delay), code_(code) {
    worker_ = std::thread([this] { Loop(); });
  }
  ~FakeCall() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }
  void Start(CallDone done) override {
    std::lock_guard<std::mutex> lock(mu_);
    pending_.push_back({std::chrono::steady_clock::now() + delay_, std::move(done)});
    max_in_flight_ = std::max<int>(max_in_flight_, static_cast<int>(pending_.size()));
    cv_.notify_all();
  }
  int max_in_flight() {
    std::lock_guard<std::mutex> lock(mu_);
    return max_in_flight_;
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_ || !pending_.empty()) {
      if (pending_.empty()) {
        cv_.wait(lock);
        continue;
      }
      auto due = pending_.front().first;
      if (std::chrono::steady_clock::now() < due) {
        cv_.wait_until(lock, due);
        continue;
      }
      CallDone done = std::move(pending_.front().second);
      pending_.pop_front();
      lock.unlock();
      done(code_);
      lock.lock();
    }
  }

  std::chrono::microseconds delay_;
  grpc::StatusCode code_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::chrono::steady_clock::time_point, CallDone>> pending_;
  int max_in_flight_ = 0;
  bool stop_ = false;
  std::thread worker_;
};

TEST(LoadDriver, ClosedLoopKeepsExactlyTheConcurrencyInFlight) {
  FakeCall fake(std::chrono::milliseconds(2), grpc::StatusCode::OK);
  LoadOptions o;
  o.concurrency = 8;
  o.warmup = absl::Milliseconds(100);
  o.duration = absl::Milliseconds(500);
  LoadResult r = RunLoad(fake, o, nullptr);
  EXPECT_EQ(fake.max_in_flight(), 8);
  // 8 in flight, 2 ms each: about 4000 calls per second.
  EXPECT_GT(r.qps, 1500);
  EXPECT_LT(r.qps, 4500);
  EXPECT_GE(r.p50_ms, 1.9);
  EXPECT_EQ(r.codes.size(), 1u);
  EXPECT_EQ(r.codes["OK"], r.completed);
}

TEST(LoadDriver, OpenLoopHoldsTheRateAndCountsErrorsByCode) {
  FakeCall fake(std::chrono::milliseconds(1), grpc::StatusCode::UNAVAILABLE);
  LoadOptions o;
  o.mode = LoadOptions::Mode::kOpen;
  o.rate = 2000;
  o.warmup = absl::Milliseconds(100);
  o.duration = absl::Seconds(1);
  LoadResult r = RunLoad(fake, o, nullptr);
  EXPECT_NEAR(static_cast<double>(r.completed), 2000, 300);
  EXPECT_EQ(r.codes["UNAVAILABLE"], r.completed);
  EXPECT_EQ(r.qps, 0);  // only OK calls count as throughput
}

TEST(LoadDriver, OpenLoopNeverQueuesPastMaxInFlightAndCountsWhatItHeldBack) {
  // A 20 ms server at 1000 calls per second needs 20 in flight; with a cap of
  // 5 the rest are not sent (the client never queues without bound) and are
  // reported as CLIENT_OVERLOAD.
  FakeCall fake(std::chrono::milliseconds(20), grpc::StatusCode::OK);
  LoadOptions o;
  o.mode = LoadOptions::Mode::kOpen;
  o.rate = 1000;
  o.max_in_flight = 5;
  o.warmup = absl::Milliseconds(100);
  o.duration = absl::Milliseconds(500);
  LoadResult r = RunLoad(fake, o, nullptr);
  EXPECT_GT(r.codes["CLIENT_OVERLOAD"], 0u);
  EXPECT_LE(fake.max_in_flight(), 5);
  EXPECT_GE(r.p50_ms, 19.0);
}

}  // namespace
}  // namespace engage::bench
