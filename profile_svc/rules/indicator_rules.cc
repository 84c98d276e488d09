#include "profile_svc/rules/indicator_rules.h"

#include "common/status/errors.h"

namespace engage::profile {

absl::StatusOr<std::string> IndicatorViewer(const auth::Identity& caller,
                                            const std::string& requested,
                                            const std::string& own_profile_id) {
  if (caller.role != auth::kFieldUser) return requested;
  if (!requested.empty() && requested != own_profile_id) {
    return WithReason(absl::PermissionDeniedError(
                          "field_user_profile_id: a field user sees the indicator with their own "
                          "connection status only (PRF-09)"),
                      "PRF-09");
  }
  return own_profile_id;
}

}  // namespace engage::profile
