#include "common/time/periodic_task.h"

namespace engage {

PeriodicTask::PeriodicTask(absl::Duration interval, std::function<void()> task, bool run_now) {
  thread_ = std::thread([this, interval, task = std::move(task), run_now] {
    std::unique_lock<std::mutex> lock(mu_);
    bool due = run_now;
    while (due ||
           !wake_.wait_for(lock, absl::ToChronoMilliseconds(interval), [this] { return stop_; })) {
      if (stop_) return;
      due = false;
      lock.unlock();
      task();
      lock.lock();
    }
  });
}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace engage
