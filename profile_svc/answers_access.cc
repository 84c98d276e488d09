#include "profile_svc/answers_access.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::profile {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_HCP;

absl::Status AnswersNotFound(const std::string& profile_id) {
  return WithReason(absl::NotFoundError(absl::StrCat("SEC-04: profile ", profile_id, " not found")),
                    "SEC-04");
}

absl::Status CheckAnswersAccess(const auth::Identity& caller, const std::string& profile_id,
                                const std::string& owner_subject) {
  if (caller.role == ROLE_ADMIN) return absl::OkStatus();
  if (caller.role == ROLE_HCP) {
    return caller.subject == owner_subject ? absl::OkStatus() : AnswersNotFound(profile_id);
  }
  return WithReason(
      absl::PermissionDeniedError(
          "SEC-04: an HCP's category answers are read and written only by that HCP and the "
          "tenant's admins"),
      "SEC-04");
}

}  // namespace engage::profile
