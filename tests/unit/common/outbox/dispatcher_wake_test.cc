// Issue 20: when a started outbox dispatcher runs. A commit that enqueued
// wakes it at once (Store::WatchEnqueues), the poll (Store::AnyDue) starts a
// run only when something is due, and a run the poll started in vain backs
// the poll off; `interval` is only the fallback.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <thread>

#include "common/outbox/dispatcher.h"
#include "tests/unit/common/outbox/quiet_store.h"

namespace engage::outbox {
namespace {

using std::chrono::milliseconds;

// One tenant; `Add` queues a message, `due` is what AnyDue answers.
class FakeStore final : public QuietStore {
 public:
  const std::string& name() const override { return name_; }
  absl::StatusOr<std::vector<std::string>> TenantsWithPending() override {
    ++runs;
    return std::vector<std::string>{"t"};
  }
  absl::StatusOr<std::vector<std::string>> Due(const std::string&, absl::Time, int) override {
    std::lock_guard<std::mutex> lock(mu_);
    return std::vector<std::string>(queued_.begin(), queued_.end());
  }
  void Delivered(const std::string&) override {
    std::lock_guard<std::mutex> lock(mu_);
    queued_.pop_front();
  }
  absl::StatusOr<bool> AnyDue(absl::Time) override {
    ++polls;
    return due.load();
  }
  int WatchEnqueues(std::function<void()> wake) override {
    std::lock_guard<std::mutex> lock(mu_);
    wake_ = std::move(wake);
    return 7;
  }
  void Unwatch(int id) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (id == 7) wake_ = nullptr;
  }

  void Add(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    queued_.push_back(id);
  }
  // What a commit that enqueued does (mysql::Pool's commit signal).
  bool Commit() {
    std::function<void()> wake;
    {
      std::lock_guard<std::mutex> lock(mu_);
      wake = wake_;
    }
    if (wake) wake();
    return wake != nullptr;
  }

  std::atomic<int> runs{0};
  std::atomic<int> polls{0};
  std::atomic<bool> due{false};

 private:
  std::string name_ = "wake_test";
  std::mutex mu_;
  std::deque<std::string> queued_;
  std::function<void()> wake_;
};

class WakeTest : public ::testing::Test {
 protected:
  Dispatcher Make(absl::Duration poll) {
    Dispatcher::Options o;
    o.poll_interval = poll;
    return Dispatcher(
        store_,
        [this](const Message&) -> absl::StatusOr<Outcome> {
          ++delivered_;
          return Outcome::Sent();
        },
        clock_, o);
  }
  // Waits up to `limit` for `n` deliveries; the time it took.
  milliseconds WaitDelivered(int n, milliseconds limit) {
    const auto start = std::chrono::steady_clock::now();
    while (delivered_.load() < n && std::chrono::steady_clock::now() - start < limit) {
      std::this_thread::sleep_for(milliseconds(1));
    }
    return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
  }

  FakeStore store_;
  FakeClock clock_{absl::FromUnixSeconds(1800000000)};
  std::atomic<int> delivered_{0};
};

TEST_F(WakeTest, Issue20_ACommitThatEnqueuedStartsARunAtOnce) {
  Dispatcher d = Make(absl::ZeroDuration());  // no poll: only the wake or the hour
  d.Start(absl::Hours(1));
  while (store_.runs.load() < 1) std::this_thread::sleep_for(milliseconds(1));  // the first run
  for (int i = 1; i <= 5; ++i) {
    store_.Add("m" + std::to_string(i));
    ASSERT_TRUE(store_.Commit());
    EXPECT_LT(WaitDelivered(i, milliseconds(2000)).count(), 200) << "message " << i;
  }
  EXPECT_EQ(delivered_.load(), 5);
  d.Stop();
  EXPECT_FALSE(store_.Commit()) << "a stopped dispatcher no longer watches";
}

TEST_F(WakeTest, Issue20_ThePollStartsARunOnlyWhenSomethingIsDue) {
  Dispatcher d = Make(absl::Milliseconds(5));
  d.Start(absl::Hours(1));
  std::this_thread::sleep_for(milliseconds(150));
  EXPECT_EQ(store_.runs.load(), 1) << "only the first run: nothing was due";
  EXPECT_GE(store_.polls.load(), 5);
  store_.Add("m1");  // another replica's: no commit signal here
  store_.due = true;
  EXPECT_LT(WaitDelivered(1, milliseconds(2000)).count(), 200);
  EXPECT_EQ(delivered_.load(), 1);
}

TEST_F(WakeTest, Issue20_ARunThePollStartedInVainBacksThePollOff) {
  Dispatcher d = Make(absl::Milliseconds(5));
  store_.due = true;  // e.g. another replica claims it first every time
  d.Start(absl::Milliseconds(160));
  std::this_thread::sleep_for(milliseconds(400));
  d.Stop();
  // Without the backoff a run every 5 ms: about 80. With it after 5, 10, 20,
  // ... up to the 160 ms interval: about 9 runs, ticks included.
  EXPECT_LE(store_.runs.load(), 20);
  EXPECT_GE(store_.runs.load(), 3);
}

TEST_F(WakeTest, Issue20_ADeliveryResetsThePollsBackoff) {
  Dispatcher d = Make(absl::Milliseconds(5));
  store_.due = true;
  d.Start(absl::Hours(1));
  std::this_thread::sleep_for(milliseconds(100));  // backed off (in vain) to some 80 ms
  store_.Add("m1");
  ASSERT_LT(WaitDelivered(1, milliseconds(2000)).count(), 500);
  store_.Add("m2");
  // The run that delivered m1 reset the wait to 5 ms.
  EXPECT_LT(WaitDelivered(2, milliseconds(2000)).count(), 100);
}

}  // namespace
}  // namespace engage::outbox
