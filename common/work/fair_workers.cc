#include "common/work/fair_workers.h"

#include "absl/strings/str_cat.h"
#include "common/server/metrics.h"

namespace engage::work {

namespace {

prometheus::Family<prometheus::Gauge>& Tasks() {
  static auto& family = server::Metrics::Get().GaugeFamily(
      "engage_background_tasks", "Background tasks of a worker pool, by state.");
  return family;
}

prometheus::Family<prometheus::Gauge>& Workers() {
  static auto& family =
      server::Metrics::Get().GaugeFamily("engage_background_workers", "Threads of a worker pool.");
  return family;
}

}  // namespace

FairWorkers::FairWorkers(int workers, int capacity, std::string name)
    : capacity_(capacity), name_(std::move(name)) {
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { Work(); });
  // Looked up at every scrape, never kept: two pools of one name (tests)
  // share the series, and the first one gone must not leave the other a
  // pointer to a removed gauge.
  collector_ = server::Metrics::Get().AddRefresher([this, workers] {
    std::lock_guard<std::mutex> lock(mu_);
    Tasks().Add({{"pool", name_}, {"state", "queued"}}).Set(queued_);
    Tasks().Add({{"pool", name_}, {"state", "running"}}).Set(running_);
    Workers().Add({{"pool", name_}}).Set(workers);
  });
}

FairWorkers::~FairWorkers() {
  server::Metrics::Get().RemoveRefresher(collector_, [this] {
    for (const char* state : {"queued", "running"}) {
      Tasks().Remove(&Tasks().Add({{"pool", name_}, {"state", state}}));
    }
    Workers().Remove(&Workers().Add({{"pool", name_}}));
  });
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
