#include "gateway/request_watch.h"

#include <vector>

namespace engage::gateway {

RequestWatch::RequestWatch(absl::Duration tick) {
  if (tick <= absl::ZeroDuration()) return;
  thread_ = std::thread([this, period = absl::ToChronoMilliseconds(tick)] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      wake_.wait_for(lock, period);
      if (stopping_) break;
      lock.unlock();
      Sweep(std::chrono::system_clock::now());
      lock.lock();
    }
  });
}

RequestWatch::~RequestWatch() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RequestWatch::Add(Waiter* waiter, TimePoint due) {
  std::lock_guard<std::mutex> lock(mu_);
  waiter->due_ = due;
  waiter->prev_ = nullptr;
  waiter->next_ = head_;
  if (head_ != nullptr) head_->prev_ = waiter;
  head_ = waiter;
  waiter->watched_ = true;
  ++size_;
}

bool RequestWatch::Remove(Waiter* waiter) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!waiter->watched_) return false;
  Unlink(waiter);
  return true;
}

int RequestWatch::Sweep(TimePoint now) {
  std::vector<Waiter*> late;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (Waiter* w = head_; w != nullptr;) {
      Waiter* next = w->next_;
      if (w->due_ <= now) {
        Unlink(w);
        late.push_back(w);
      }
      w = next;
    }
  }
  // Outside the lock: ending a call may take gRPC's locks, and its reactor
  // may call Remove. A waiter taken here stays alive until this call (its
  // owner counts the watch among what it waits for).
  for (Waiter* w : late) w->OnRequestTimeout();
  return static_cast<int>(late.size());
}

int RequestWatch::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return size_;
}

void RequestWatch::Unlink(Waiter* waiter) {
  if (waiter->prev_ != nullptr) waiter->prev_->next_ = waiter->next_;
  if (waiter->next_ != nullptr) waiter->next_->prev_ = waiter->prev_;
  if (head_ == waiter) head_ = waiter->next_;
  waiter->prev_ = waiter->next_ = nullptr;
  waiter->watched_ = false;
  --size_;
}

}  // namespace engage::gateway
