#ifndef ENGAGE_PROFILE_SVC_RULES_EDIT_RULES_H_
#define ENGAGE_PROFILE_SVC_RULES_EDIT_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/auth/identity.h"
#include "common/status/errors.h"
#include "profile_svc/rules/profile_model.h"

namespace engage::profile {

// Who owns a field of a profile.
enum class FieldOwner {
  kAdmin,       // User record (PRF-02): an admin only
  kDetail,      // User Detail (PRF-03): an admin, or the field user when permitted
  kHcp,         // HCP profile field (PRF-04): that HCP only, never an admin
  kAdminOfHcp,  // set by the company on an HCP profile (alternate id)
  kNotAField,   // the path does not exist on this kind of profile
};

FieldOwner OwnerOf(ProfileKind kind, const std::string& path);

// Checks that `caller` may change every path of `paths` on `target`:
// INVALID_ARGUMENT (update_mask) for a path the profile does not have,
// FAILED_PRECONDITION for a deleted profile, PERMISSION_DENIED (reason
// PRF-03 or PRF-04) naming the first field the caller does not own.
absl::Status CheckEdit(const auth::Identity& caller, const EditTarget& target,
                       const std::vector<std::string>& paths);

// Validates the values of the paths named (field names "profile.<path>"),
// and the mask itself (unknown or repeated paths name "update_mask").
void ValidateEdit(FieldErrors& errors, const ProfileEdit& edit);

// An optional phone number: digits, spaces and + - ( ) . only, at most 40.
void Phone(FieldErrors& errors, const std::string& field, const std::string& value);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_RULES_EDIT_RULES_H_
