#ifndef ENGAGE_COMMON_WORK_STREAM_SLOTS_H_
#define ENGAGE_COMMON_WORK_STREAM_SLOTS_H_

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace engage::work {

// Bounds what a replica holds open at once for its callers (SEC-11): the
// long-lived streams (WatchSyncJob, DownloadSyncLog, the gateway's health
// watches and reflection), or the calls in flight of each tenant. At most
// `per_caller` for one caller, `per_tenant` for all callers of one tenant and
// `total` in all, so one caller's or one tenant's open streams or calls
// cannot take the server threads and database connections everyone needs.
class StreamSlots {
 public:
  struct Bounds {
    int per_caller = 0;
    int per_tenant = 0;
    int total = 0;
    // What is counted, as the refusal says it: "at most 4 open streams per caller".
    std::string what = "open streams";
  };

  // Held for the life of one stream or call; frees its slot when destroyed.
  class Slot {
   public:
    ~Slot();
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    friend class StreamSlots;
    Slot(StreamSlots& owner, std::string tenant, std::string caller)
        : owner_(owner), tenant_(std::move(tenant)), caller_(std::move(caller)) {}
    StreamSlots& owner_;
    std::string tenant_;
    std::string caller_;
  };

  explicit StreamSlots(Bounds bounds) : bounds_(std::move(bounds)) {}
  StreamSlots(int per_caller, int per_tenant, int total)
      : StreamSlots(Bounds{per_caller, per_tenant, total}) {}

  // RESOURCE_EXHAUSTED naming SEC-11 and the bound, with a RetryInfo, when the
  // caller, its tenant or the replica is still full after `wait` (zero: at
  // once). `caller` is unique within `tenant`; an empty `tenant` (a caller
  // with no token: a peer address) counts for no tenant.
  absl::StatusOr<std::unique_ptr<Slot>> Take(const std::string& tenant, const std::string& caller,
                                             absl::Duration wait = absl::ZeroDuration());

  const Bounds& bounds() const { return bounds_; }

 private:
  void Release(const std::string& tenant, const std::string& caller);
  // Whether the caller (`key`: tenant "/" caller) can take a slot now, and
  // the refusal naming the bound that is full when it cannot.
  bool Fits(const std::string& tenant, const std::string& key) const;
  absl::Status Refusal(const std::string& tenant, const std::string& key) const;

  const Bounds bounds_;
  std::mutex mu_;
  std::condition_variable freed_;
  int open_ = 0;
  std::map<std::string, int> by_caller_;  // key: tenant "/" caller
  std::map<std::string, int> by_tenant_;
};

}  // namespace engage::work

#endif  // ENGAGE_COMMON_WORK_STREAM_SLOTS_H_
