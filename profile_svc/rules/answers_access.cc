#include "profile_svc/rules/answers_access.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::profile {

absl::Status AnswersNotFound(const std::string& profile_id) {
  return WithReason(absl::NotFoundError(absl::StrCat("SEC-04: profile ", profile_id, " not found")),
                    "SEC-04");
}

absl::Status CheckAnswersAccess(const auth::Identity& caller, const std::string& profile_id,
                                const std::string& owner_subject) {
  if (caller.role == auth::kAdmin) return absl::OkStatus();
  if (caller.role == auth::kHcp) {
    return caller.subject == owner_subject ? absl::OkStatus() : AnswersNotFound(profile_id);
  }
  return WithReason(
      absl::PermissionDeniedError(
          "SEC-04: an HCP's category answers are read and written only by that HCP and the "
          "tenant's admins"),
      "SEC-04");
}

}  // namespace engage::profile
