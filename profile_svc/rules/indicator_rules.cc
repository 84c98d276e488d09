#include "profile_svc/rules/indicator_rules.h"

#include "common/status/errors.h"
#include "profile_svc/rules/account_rules.h"

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

absl::Status CheckIndicatorOrg(const auth::Identity& caller, const std::string& own_org_id,
                               const std::string& org_id) {
  if (caller.role == auth::kFieldUser && org_id != own_org_id) return NoSuchOrg(org_id);
  return absl::OkStatus();
}

}  // namespace engage::profile
