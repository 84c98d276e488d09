#include "common/server/memory_trimmer.h"

#include <malloc.h>

namespace engage::server {

MemoryTrimmer::MemoryTrimmer(absl::Duration interval) {
  thread_ = std::thread([this, interval] {
    std::unique_lock<std::mutex> lock(mu_);
    while (
        !stop_cv_.wait_for(lock, absl::ToChronoMilliseconds(interval), [this] { return stop_; })) {
      malloc_trim(0);
    }
  });
}

MemoryTrimmer::~MemoryTrimmer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  thread_.join();
}

}  // namespace engage::server
