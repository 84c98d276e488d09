#ifndef ENGAGE_COMMON_WORK_FAIR_WORKERS_H_
#define ENGAGE_COMMON_WORK_FAIR_WORKERS_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"

namespace engage::work {

// A bounded pool of background workers with a bounded queue, apart from the
// request path (SEC-11). Tasks are queued per key (a tenant) and the workers
// take the keys in turn, so a tenant that queues twenty tasks waits behind
// its own, not in front of everyone else's: with `workers` threads, another
// tenant's first task starts as soon as any one worker is free.
class FairWorkers {
 public:
  // `name` labels the pool's gauges (engage_background_tasks{pool=...}).
  FairWorkers(int workers, int capacity, std::string name = "background");
  // Stops taking tasks, lets the running ones finish and drops the queued
  // ones (their owners record them as interrupted; see SyncRunner).
  ~FairWorkers();
  FairWorkers(const FairWorkers&) = delete;
  FairWorkers& operator=(const FairWorkers&) = delete;

  // RESOURCE_EXHAUSTED when `capacity` tasks are already queued or running.
  absl::Status Submit(const std::string& key, std::function<void()> task);
  // Whether a Submit now would be taken (a hint: another caller may take the room).
  bool HasRoom() const;
  // Queued (not yet started) tasks, in all and of one key.
  int Queued() const;
  int Queued(const std::string& key) const;
  // Waits until nothing is queued or running (tests, shutdown).
  void Drain();

 private:
  void Work();

  const int capacity_;
  const std::string name_;
  int collector_ = -1;  // what sets its gauges in server::Metrics
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  bool stop_ = false;
  int running_ = 0;
  int queued_ = 0;
  std::map<std::string, std::deque<std::function<void()>>> queues_;
  std::string last_key_;  // the key served last: the next turn goes to the one after it
  std::vector<std::thread> threads_;
};

}  // namespace engage::work

#endif  // ENGAGE_COMMON_WORK_FAIR_WORKERS_H_
