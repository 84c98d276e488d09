#include "common/work/stream_slots.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::work {
namespace {

std::string CallerKey(const std::string& tenant, const std::string& caller) {
  return absl::StrCat(tenant, "/", caller);
}

// Lowers a count, forgetting it at zero.
void Decrement(std::map<std::string, int>& counts, const std::string& key) {
  auto it = counts.find(key);
  if (it != counts.end() && --it->second <= 0) counts.erase(it);
}

int CountOf(const std::map<std::string, int>& counts, const std::string& key) {
  auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

absl::Status Full(const std::string& message) {
  return WithRetryDelay(WithReason(absl::ResourceExhaustedError(message), "SEC-11"),
                        absl::Seconds(1));
}

}  // namespace

StreamSlots::Slot::~Slot() { owner_.Release(tenant_, caller_); }

bool StreamSlots::Fits(const std::string& tenant, const std::string& key) const {
  return CountOf(by_caller_, key) < bounds_.per_caller &&
         (tenant.empty() || CountOf(by_tenant_, tenant) < bounds_.per_tenant) &&
         open_ < bounds_.total;
}

absl::Status StreamSlots::Refusal(const std::string& tenant, const std::string& key) const {
  if (CountOf(by_caller_, key) >= bounds_.per_caller) {
    return Full(absl::StrCat("SEC-11: at most ", bounds_.per_caller, " ", bounds_.what,
                             " per caller; retry when one ended"));
  }
  if (!tenant.empty() && CountOf(by_tenant_, tenant) >= bounds_.per_tenant) {
    return Full(absl::StrCat("SEC-11: at most ", bounds_.per_tenant, " ", bounds_.what,
                             " per tenant on this replica; retry shortly"));
  }
  if (open_ >= bounds_.total) {
    return Full(absl::StrCat("SEC-11: this replica holds ", bounds_.total, " ", bounds_.what,
                             " already; retry shortly"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<StreamSlots::Slot>> StreamSlots::Take(const std::string& tenant,
                                                                     const std::string& caller,
                                                                     absl::Duration wait) {
  const std::string key = CallerKey(tenant, caller);
  const auto until = std::chrono::steady_clock::now() + absl::ToChronoNanoseconds(wait);
  std::unique_lock<std::mutex> lock(mu_);
  if (!freed_.wait_until(lock, until, [&] { return Fits(tenant, key); })) {
    return Refusal(tenant, key);
  }
  ++by_caller_[key];
  if (!tenant.empty()) ++by_tenant_[tenant];
  ++open_;
  return std::unique_ptr<Slot>(new Slot(*this, tenant, caller));
}

void StreamSlots::Release(const std::string& tenant, const std::string& caller) {
  std::lock_guard<std::mutex> lock(mu_);
  --open_;
  Decrement(by_caller_, CallerKey(tenant, caller));
  if (!tenant.empty()) Decrement(by_tenant_, tenant);
  freed_.notify_all();
}

}  // namespace engage::work
