#ifndef ENGAGE_PROFILE_SVC_RULES_INDICATOR_RULES_H_
#define ENGAGE_PROFILE_SVC_RULES_INDICATOR_RULES_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/auth/identity.h"

namespace engage::profile {

// PRF-09: whose connection status the Engage profile indicator shows. A field
// user sees their own: `requested` empty or their own staff profile
// (`own_profile_id`), another field user's is PERMISSION_DENIED. An admin
// sees the field user they name, or none (empty). Other roles never get here
// (the method's access declaration).
absl::StatusOr<std::string> IndicatorViewer(const auth::Identity& caller,
                                            const std::string& requested,
                                            const std::string& own_profile_id);

// PRF-09, SEC-08: the indicator is what the CRM shows on an account of the
// org. A field user sees it for their own user's org (`own_org_id`) only;
// another org's accounts look missing (NoSuchOrg, word for word as an org
// that does not exist). An admin sees every org of the tenant.
absl::Status CheckIndicatorOrg(const auth::Identity& caller, const std::string& own_org_id,
                               const std::string& org_id);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_RULES_INDICATOR_RULES_H_
