#include "connection_svc/rules/profile_checks.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::connection {

absl::Status CheckProfile(const ProfileOwner& owner, ProfileKind kind, const std::string& field) {
  if (owner.kind != kind) {
    return InvalidField(field, kind == ProfileKind::kHcp ? "is not an HCP profile"
                                                         : "is not a field user's (staff) profile");
  }
  if (owner.deleted) {
    return absl::FailedPreconditionError(absl::StrCat(field, ": the profile was deleted"));
  }
  return absl::OkStatus();
}

absl::Status CheckOwnProfile(const ProfileOwner& owner, const std::string& subject,
                             ProfileKind kind, const std::string& field) {
  if (owner.subject != subject) {
    if (kind == ProfileKind::kHcp) return NoSuchProfile(field);
    return WithReason(absl::PermissionDeniedError(absl::StrCat(
                          "SEC-01: ", field, ": not the caller's own profile (ownership)")),
                      "SEC-01");
  }
  return CheckProfile(owner, kind, field);
}

absl::Status CheckStaffSide(const ProfileOwner& owner, bool hcp_caller, const std::string& subject,
                            const std::string& field) {
  if (hcp_caller && owner.kind == ProfileKind::kHcp && owner.subject != subject) {
    return NoSuchProfile(field);
  }
  return CheckProfile(owner, ProfileKind::kStaff, field);
}

absl::Status NoSuchProfile(const std::string& field) {
  return absl::NotFoundError(absl::StrCat(field, ": no such profile"));
}

std::string NormalizeEmail(const std::string& email) { return absl::AsciiStrToLower(email); }

}  // namespace engage::connection
