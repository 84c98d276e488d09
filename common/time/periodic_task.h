#ifndef ENGAGE_COMMON_TIME_PERIODIC_TASK_H_
#define ENGAGE_COMMON_TIME_PERIODIC_TASK_H_

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "absl/time/time.h"

namespace engage {

// Runs `task` on a thread of its own every `interval` until destroyed: the
// first run after one interval, or at once when `run_now`. The destructor
// wakes the thread and waits for a run in progress to end. The one loop of
// every background job: the sync scheduler, the post-processing timer, the
// PromoMats dispatcher, the servers' memory trimmer.
class PeriodicTask {
 public:
  PeriodicTask(absl::Duration interval, std::function<void()> task, bool run_now = false);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace engage

#endif  // ENGAGE_COMMON_TIME_PERIODIC_TASK_H_
