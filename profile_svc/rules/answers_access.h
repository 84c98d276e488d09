#ifndef ENGAGE_PROFILE_SVC_ANSWERS_ACCESS_H_
#define ENGAGE_PROFILE_SVC_ANSWERS_ACCESS_H_

#include <string>

#include "absl/status/status.h"
#include "common/auth/identity.h"

namespace engage::profile {

// SEC-04: an HCP's category answers are read and written only by that HCP
// and the tenant's admins. `owner_subject` is the subject the profile belongs
// to. Another HCP gets NOT_FOUND with the very message of a missing profile
// (AnswersNotFound), so the profile's existence is not revealed; a field user
// (or any other role) gets PERMISSION_DENIED naming SEC-04.
absl::Status CheckAnswersAccess(const auth::Identity& caller, const std::string& profile_id,
                                const std::string& owner_subject);

// The NOT_FOUND of a profile whose answers the caller cannot reach, missing
// or hidden alike.
absl::Status AnswersNotFound(const std::string& profile_id);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_ANSWERS_ACCESS_H_
