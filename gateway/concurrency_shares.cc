#include "gateway/concurrency_shares.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::gateway {
namespace {

// A slot frees when some call in flight ends: soon, but not known when.
constexpr absl::Duration kRetryDelay = absl::Milliseconds(200);

absl::Status Full(const std::string& what) {
  return WithRetryDelay(absl::ResourceExhaustedError(absl::StrCat("SEC-11: ", what)), kRetryDelay);
}

}  // namespace

ConcurrencyLimits ConcurrencyLimitsOf(int global, int per_tenant, int per_caller) {
  ConcurrencyLimits limits;
  limits.global = std::max(1, global);
  limits.per_tenant = per_tenant > 0 ? per_tenant : std::max(1, limits.global / 4);
  limits.per_tenant = std::min(limits.per_tenant, limits.global);
  limits.per_caller = per_caller > 0 ? per_caller : std::max(1, limits.global / 20);
  limits.per_caller = std::min(limits.per_caller, limits.per_tenant);
  return limits;
}

absl::StatusOr<ConcurrencyShares::Slot> ConcurrencyShares::Acquire(const std::string& tenant,
                                                                   const std::string& caller) {
  std::lock_guard<std::mutex> lock(mu_);
  if (in_flight_ >= limits_.global) {
    return Full(absl::StrCat("gateway is at its concurrent call limit (", limits_.global, ")"));
  }
  auto t = tenants_.try_emplace(tenant, 0).first;
  if (t->second >= limits_.per_tenant) {
    return Full(absl::StrCat("tenant ", tenant, " is at its share of ", limits_.per_tenant,
                             " concurrent calls (ENGAGE_MAX_CONCURRENT_CALLS_PER_TENANT)"));
  }
  auto c = callers_.try_emplace(caller, 0).first;
  if (c->second >= limits_.per_caller) {
    if (t->second == 0) tenants_.erase(t);
    return Full(absl::StrCat("caller is at its share of ", limits_.per_caller,
                             " concurrent calls (ENGAGE_MAX_CONCURRENT_CALLS_PER_CALLER)"));
  }
  ++in_flight_;
  ++t->second;
  ++c->second;
  Slot slot;
  slot.owner_ = this;
  slot.tenant_ = &*t;
  slot.caller_ = &*c;
  return slot;
}

void ConcurrencyShares::Release(Entry* tenant, Entry* caller) {
  std::lock_guard<std::mutex> lock(mu_);
  --in_flight_;
  // By iterator: erase(key) with a key stored in the erased node is unsafe.
  if (--tenant->second == 0) tenants_.erase(tenants_.find(tenant->first));
  if (--caller->second == 0) callers_.erase(callers_.find(caller->first));
}

int ConcurrencyShares::in_flight() {
  std::lock_guard<std::mutex> lock(mu_);
  return in_flight_;
}

int ConcurrencyShares::in_flight_of_tenant(const std::string& tenant) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = tenants_.find(tenant);
  return it == tenants_.end() ? 0 : it->second;
}

ConcurrencyShares::Slot& ConcurrencyShares::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    Release();
    owner_ = std::exchange(other.owner_, nullptr);
    tenant_ = std::exchange(other.tenant_, nullptr);
    caller_ = std::exchange(other.caller_, nullptr);
  }
  return *this;
}

void ConcurrencyShares::Slot::Release() {
  if (owner_ != nullptr) std::exchange(owner_, nullptr)->Release(tenant_, caller_);
}

}  // namespace engage::gateway
