#include "common/work/fair_workers.h"

#include "absl/strings/str_cat.h"
#include "common/server/metrics.h"

namespace engage::work {

FairWorkers::FairWorkers(int workers, int capacity, std::string name) : capacity_(capacity) {
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { Work(); });
  collector_ = server::Metrics::Get().AddCollector([this, name = std::move(name), workers] {
    std::lock_guard<std::mutex> lock(mu_);
    return absl::StrCat("# TYPE engage_background_tasks gauge\n", "engage_background_tasks{pool=\"",
                        name, "\",state=\"queued\"} ", queued_, "\nengage_background_tasks{pool=\"",
                        name, "\",state=\"running\"} ", running_,
                        "\n# TYPE engage_background_workers gauge\n",
                        "engage_background_workers{pool=\"", name, "\"} ", workers, "\n");
  });
}

FairWorkers::~FairWorkers() {
  server::Metrics::Get().RemoveCollector(collector_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queues_.clear();
    queued_ = 0;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

absl::Status FairWorkers::Submit(const std::string& key, std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return absl::UnavailableError("shutting down; try another replica");
    if (queued_ + running_ >= capacity_) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "SEC-11: ", capacity_, " background tasks are queued or running on this replica"));
    }
    queues_[key].push_back(std::move(task));
    ++queued_;
  }
  wake_.notify_one();
  return absl::OkStatus();
}

bool FairWorkers::HasRoom() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !stop_ && queued_ + running_ < capacity_;
}

int FairWorkers::Queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queued_;
}

int FairWorkers::Queued(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = queues_.find(key);
  return it == queues_.end() ? 0 : static_cast<int>(it->second.size());
}

void FairWorkers::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  idle_.wait(lock, [this] { return queued_ == 0 && running_ == 0; });
}

void FairWorkers::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    wake_.wait(lock, [this] { return stop_ || queued_ > 0; });
    if (stop_) return;
    // The key after the one served last, wrapping around: every key with
    // queued work gets a turn before any key gets a second one.
    auto it = queues_.upper_bound(last_key_);
    if (it == queues_.end()) it = queues_.begin();
    last_key_ = it->first;
    std::function<void()> task = std::move(it->second.front());
    it->second.pop_front();
    if (it->second.empty()) queues_.erase(it);
    --queued_;
    ++running_;
    lock.unlock();
    task();
    lock.lock();
    --running_;
    if (queued_ == 0 && running_ == 0) idle_.notify_all();
  }
}

}  // namespace engage::work
