#ifndef ENGAGE_CONNECTION_SVC_RULES_PROFILE_CHECKS_H_
#define ENGAGE_CONNECTION_SVC_RULES_PROFILE_CHECKS_H_

#include <string>

#include "absl/status/status.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// Rules about the profiles a request names (no I/O: the owner was fetched
// from profile_svc before).

// The profile named in `field` must be of `kind` and not deleted. A wrong kind
// is INVALID_ARGUMENT naming the field (e.g. a staff profile given as the
// HCP); a deleted profile is FAILED_PRECONDITION (PRF-11: it connects no more).
absl::Status CheckProfile(const ProfileOwner& owner, ProfileKind kind, const std::string& field);
// Same, and it must be the caller's own: a field user invites as themself, an
// HCP accepts as themself (CON-04). Someone else's profile named as an HCP's
// own (`kind` kHcp: only an HCP owns one, so the caller is an HCP) answers as
// NoSuchProfile, word for word: another HCP sees nothing of it, not even that
// it exists (SEC-03). Named as a field user's own it is PERMISSION_DENIED: a
// field user sees every profile's public card anyway (SEC-03).
absl::Status CheckOwnProfile(const ProfileOwner& owner, const std::string& subject,
                             ProfileKind kind, const std::string& field);
// The profile named in `field` as the staff side of an interaction (a host,
// the field user of a meeting request): CheckProfile of kStaff, except that to
// an HCP caller (`hcp_caller`, signed in as `subject`) another HCP's profile
// is NoSuchProfile, word for word as a made-up id: another HCP sees none of an
// HCP's card, not even that it exists (SEC-03).
absl::Status CheckStaffSide(const ProfileOwner& owner, bool hcp_caller, const std::string& subject,
                            const std::string& field);
// The one answer for a profile id that names no profile the caller may know
// of: NOT_FOUND "<field>: no such profile".
absl::Status NoSuchProfile(const std::string& field);

// Emails are matched case-insensitively (CON-07): stored and compared in
// lower case.
std::string NormalizeEmail(const std::string& email);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_RULES_PROFILE_CHECKS_H_
