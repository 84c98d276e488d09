#ifndef ENGAGE_GATEWAY_CONCURRENCY_SHARES_H_
#define ENGAGE_GATEWAY_CONCURRENCY_SHARES_H_

#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "absl/status/statusor.h"

namespace engage::gateway {

struct ConcurrencyLimits {
  int global = 1000;
  int per_tenant = 250;
  int per_caller = 50;
};

// The limits from the settings: a share of 0 takes its default (a tenant a
// quarter of the global bound, a caller a twentieth, at least 1), and no
// share exceeds the bound above it (caller <= tenant <= global).
ConcurrencyLimits ConcurrencyLimitsOf(int global, int per_tenant, int per_caller);

// The gateway's concurrency bound and each tenant's and each caller's share
// of it (SEC-11): a tenant, or one caller, at its share is refused while the
// others still get slots. Counts exist only for keys with calls in flight,
// so the tables are bounded by the global bound.
class ConcurrencyShares {
 public:
  using Entry = std::pair<const std::string, int>;

  // One call's place in the three counts; freed when it goes.
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept { *this = std::move(other); }
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { Release(); }
    void Release();

   private:
    friend class ConcurrencyShares;
    ConcurrencyShares* owner_ = nullptr;
    Entry* tenant_ = nullptr;
    Entry* caller_ = nullptr;
  };

  explicit ConcurrencyShares(ConcurrencyLimits limits) : limits_(limits) {}

  // A slot for a call of `caller` (unique across tenants) in `tenant`, or
  // RESOURCE_EXHAUSTED naming the bound or the share that is full.
  absl::StatusOr<Slot> Acquire(const std::string& tenant, const std::string& caller);

  int in_flight();
  int in_flight_of_tenant(const std::string& tenant);

 private:
  void Release(Entry* tenant, Entry* caller);

  const ConcurrencyLimits limits_;
  std::mutex mu_;
  int in_flight_ = 0;
  // Node-based: entries keep their address while other keys come and go.
  std::unordered_map<std::string, int> tenants_;
  std::unordered_map<std::string, int> callers_;
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_CONCURRENCY_SHARES_H_
