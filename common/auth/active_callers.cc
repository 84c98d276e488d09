#include "common/auth/active_callers.h"

#include "absl/strings/str_cat.h"

namespace engage::auth {
namespace {

constexpr size_t kMaxCachedCallers = 100000;

bool HasRecord(Role role) {
  return role == engage::common::v1::ROLE_ADMIN || role == engage::common::v1::ROLE_FIELD_USER ||
         role == engage::common::v1::ROLE_HCP;
}

}  // namespace

ActiveCallers::ActiveCallers(CallerDirectory& directory, const Clock& clock, absl::Duration ttl)
    : directory_(directory), clock_(clock), ttl_(ttl) {}

absl::Status ActiveCallers::Check(const Identity& caller) {
  if (!HasRecord(caller.role)) return absl::OkStatus();
  // Claims are of a strict form (no newline), so the key is unambiguous.
  const std::string key = absl::StrCat(caller.tenant, "\n", caller.subject);
  const absl::Time now = clock_.Now();
  CallerState state = CallerState::kUnknown;
  bool cached = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.expiry > now) {
      state = it->second.state;
      cached = true;
    }
  }
  if (!cached) {
    auto looked_up = directory_.StateOf(caller.tenant, caller.subject);
    if (!looked_up.ok()) {
      return absl::UnavailableError(
          absl::StrCat("cannot check the caller's status: ", looked_up.status().message()));
    }
    state = *looked_up;
    std::lock_guard<std::mutex> lock(mu_);
    if (cache_.size() >= kMaxCachedCallers) cache_.clear();
    cache_[key] = Entry{state, now + ttl_};
  }
  switch (state) {
    case CallerState::kDeactivated:
      return absl::PermissionDeniedError("SEC-09: this user has been deactivated");
    case CallerState::kRemoved:
      return absl::PermissionDeniedError("SEC-09: this profile has been removed");
    default:
      return absl::OkStatus();
  }
}

}  // namespace engage::auth
