#include "connection_svc/rules/consent_rules.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::connection {

bool ReportConsents(auth::Role reporter) {
  return reporter == auth::kHcp || reporter == auth::kIntegration;
}

absl::Status CheckConnect(const std::optional<Connection>& existing, const ConnectAct& act) {
  if (!ReportConsents(act.actor)) {
    return WithReason(
        absl::PermissionDeniedError(
            "SEC-05: a connection needs the HCP's consent: an invite the HCP accepts, or an "
            "interaction reported with the HCP's own token or by the INTEGRATION identity; a "
            "field user's own report never connects"),
        "SEC-05");
  }
  if (!existing.has_value() || existing->active) return absl::OkStatus();
  if (existing->ended_by == EndedBy::kFieldUser) return absl::OkStatus();
  if (act.actor == auth::kHcp && act.time > existing->inactivation_time) return absl::OkStatus();
  return WithReason(
      absl::FailedPreconditionError(
          "SEC-06: the HCP ended this connection; it stays ended until the HCP acts again "
          "after that moment (accepts an invite, requests a meeting, reports their own view "
          "or attendance)"),
      "SEC-06");
}

absl::Status CheckSelfReport(int participants, bool named_by_profile, const std::string& field) {
  if (participants != 1 || !named_by_profile) {
    return WithReason(
        absl::PermissionDeniedError(absl::StrCat(
            "SEC-05: ", field,
            ": an HCP reports only their own participation: one entry, their own hcp_profile_id")),
        "SEC-05");
  }
  return absl::OkStatus();
}

absl::Status NoSuchConnection() { return absl::NotFoundError("connection_id: no such connection"); }

EndedBy EndedByRole(auth::Role role) {
  if (role == auth::kHcp) return EndedBy::kHcp;
  if (role == auth::kFieldUser) return EndedBy::kFieldUser;
  return EndedBy::kUnrecorded;
}

}  // namespace engage::connection
