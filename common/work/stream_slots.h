#ifndef ENGAGE_COMMON_WORK_STREAM_SLOTS_H_
#define ENGAGE_COMMON_WORK_STREAM_SLOTS_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"

namespace engage::work {

// Bounds the long-lived streams (WatchSyncJob, DownloadSyncLog) a replica
// serves: at most `per_key` for one caller and `total` in all (SEC-11), so
// one caller's open streams cannot take the server threads everyone needs.
class StreamSlots {
 public:
  // Held for the life of one stream; frees its slot when destroyed.
  class Slot {
   public:
    ~Slot();
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    friend class StreamSlots;
    Slot(StreamSlots& owner, std::string key) : owner_(owner), key_(std::move(key)) {}
    StreamSlots& owner_;
    std::string key_;
  };

  StreamSlots(int per_key, int total) : per_key_(per_key), total_(total) {}

  // RESOURCE_EXHAUSTED naming the bound when `key` or the replica is full.
  absl::StatusOr<std::unique_ptr<Slot>> Take(const std::string& key);

 private:
  void Release(const std::string& key);

  const int per_key_;
  const int total_;
  std::mutex mu_;
  int open_ = 0;
  std::map<std::string, int> by_key_;
};

}  // namespace engage::work

#endif  // ENGAGE_COMMON_WORK_STREAM_SLOTS_H_
