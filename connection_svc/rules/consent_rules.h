#ifndef ENGAGE_CONNECTION_SVC_RULES_CONSENT_RULES_H_
#define ENGAGE_CONNECTION_SVC_RULES_CONSENT_RULES_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// Consent rules (SEC-05, SEC-06): plain functions, no I/O. The store runs
// CheckConnect under the pair's row lock in the one place connections are
// made or reactivated, so no path (invite, meeting request, CLM view,
// post-processing of attendance or sign-ups) can skip it.

// SEC-05: whether a report by `reporter` stands for the HCP's consent: the
// HCP's own token or the meeting or content system's INTEGRATION identity.
// A field user's own report never does.
bool ReportConsents(auth::Role reporter);

// The rule of every connect of a pair. `existing` is the pair's row when it
// has one. PERMISSION_DENIED (reason SEC-05) when the act is not the HCP's
// consent; FAILED_PRECONDITION (reason SEC-06) when the row is inactive, was
// not ended by the field user (the HCP ended it, or it is not recorded who
// did, or a removal did) and the act is not the HCP's own after that moment.
// An active row (CON-10) or no row passes on consent alone.
absl::Status CheckConnect(const std::optional<Connection>& existing, const ConnectAct& act);

// SEC-05: an HCP reports only their own participation: exactly one
// participant, named by their profile (the HCP is signed in, so never by an
// e-mail). `field` names the repeated field (e.g. "attendees").
absl::Status CheckSelfReport(int participants, bool named_by_profile, const std::string& field);

// The one answer for a connection id that names no connection the caller may
// know of, and the store's for a missing one: NOT_FOUND "connection_id: no
// such connection". Only a connection's two sides (and the admins, who list
// any profile's) know its id; to anyone else it does not exist (CON-09, SEC-03).
absl::Status NoSuchConnection();

// Who ends a connection when `role` disconnects it (SEC-06).
EndedBy EndedByRole(auth::Role role);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_RULES_CONSENT_RULES_H_
