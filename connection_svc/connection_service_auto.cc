// Automatic-connection handlers of ConnectionServiceImpl (CON-06, CON-07).
// SEC-05: they are reported by the HCP's own token (their own participation
// only) or by the meeting or content system's INTEGRATION identity, as the
// proto declares; a field user's report is refused by the Gatekeeper, and a
// stored one never connects (CheckConnect).
#include "absl/strings/str_cat.h"
#include "common/server/handler.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "connection_svc/connection_audit.h"
#include "connection_svc/connection_mapping.h"
#include "connection_svc/connection_service.h"
#include "connection_svc/grpc_profile_directory.h"
#include "connection_svc/rules/consent_rules.h"
#include "connection_svc/rules/profile_checks.h"

namespace engage::connection {

using auth::Identity;
using engage::common::v1::ROLE_HCP;

namespace {

constexpr int kMaxAttendees = 500;

// A participant is a signed-in HCP (profile id) or an email, never both.
void ValidateParticipant(FieldErrors& errors, const std::string& field, const v1::Participant& p) {
  if (p.hcp_profile_id().empty() == p.email().empty()) {
    errors.Add(field, "set exactly one of hcp_profile_id (signed in) or email (not signed in)");
  } else if (!p.hcp_profile_id().empty()) {
    validate::Id(errors, field + ".hcp_profile_id", p.hcp_profile_id());
  } else {
    validate::Email(errors, field + ".email", p.email());
  }
}

}  // namespace

grpc::Status ConnectionServiceImpl::RecordMeetingAttendance(
    grpc::ServerContext* context, const v1::RecordMeetingAttendanceRequest* request,
    v1::RecordMeetingAttendanceResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Text(errors, "meeting_id", request->meeting_id(), 1, 64);
    validate::Id(errors, "host_profile_id", request->host_profile_id());
    if (request->attendees_size() == 0 || request->attendees_size() > kMaxAttendees) {
      errors.Add("attendees", absl::StrCat("must list 1..", kMaxAttendees, " attendees"));
    } else {
      for (int i = 0; i < request->attendees_size(); ++i) {
        ValidateParticipant(errors, absl::StrCat("attendees[", i, "]"), request->attendees(i));
      }
    }
    if (!errors.empty()) return errors.ToStatus();
    const bool self = caller.role == ROLE_HCP;
    if (self) {
      RETURN_IF_ERROR(CheckSelfReport(
          request->attendees_size(), !request->attendees(0).hcp_profile_id().empty(), "attendees"));
    }
    auto host = Owner(context, caller.tenant, request->host_profile_id(), "host_profile_id");
    if (!host.ok()) return host.status();
    RETURN_IF_ERROR(CheckStaffSide(*host, self, caller.subject, "host_profile_id"));
    // One look-up for every signed-in attendee (up to 500), not one each.
    std::vector<std::string> attendee_ids;
    for (const auto& a : request->attendees()) {
      if (!a.hcp_profile_id().empty()) attendee_ids.push_back(a.hcp_profile_id());
    }
    auto owners = profiles_.GetOwners(caller.tenant, attendee_ids);
    if (!owners.ok()) return owners.status();
    const absl::Time now = clock_.Now();
    std::vector<Interaction> interactions;
    for (int i = 0; i < request->attendees_size(); ++i) {
      const auto& a = request->attendees(i);
      Interaction interaction{ids_.Next(),
                              InteractionKind::kMeetingAttendance,
                              request->meeting_id(),
                              request->host_profile_id(),
                              "",
                              "",
                              now,
                              caller.role};
      if (!a.hcp_profile_id().empty()) {
        const std::string field = absl::StrCat("attendees[", i, "].hcp_profile_id");
        auto hcp = owners->find(a.hcp_profile_id());
        if (hcp == owners->end()) return NoSuchProfile(field);
        // SEC-05: an HCP reports only their own participation; someone
        // else's profile is, to them, no profile (SEC-03).
        auto st = self ? CheckOwnProfile(hcp->second, caller.subject, ProfileKind::kHcp, field)
                       : CheckProfile(hcp->second, ProfileKind::kHcp, field);
        if (!st.ok()) return st;
        interaction.hcp_profile_id = a.hcp_profile_id();
      } else {
        interaction.email = NormalizeEmail(a.email());
      }
      interactions.push_back(interaction);
    }
    // Connections are made by the post-processing job (CON-08), not here.
    // SEC-11: an HCP's own reports (one each, CheckSelfReport) have a daily
    // cap, so no HCP fills the table and the job with made-up meetings.
    auto recorded =
        self ? interactions_.RecordSelfReport(caller.tenant, interactions.front(),
                                              [&](const QuotaUse& use) {
                                                return CheckDailyCap(
                                                    use, invite_settings_.caps.self_reports_per_hcp,
                                                    "meetings reported by one HCP", now);
                                              })
             : interactions_.RecordInteractions(caller.tenant, interactions);
    if (!recorded.ok()) return recorded.status();
    response->set_recorded_count(*recorded);
    return absl::OkStatus();
  });
}

grpc::Status ConnectionServiceImpl::RecordRemoteClmView(
    grpc::ServerContext* context, const v1::RecordRemoteClmViewRequest* request,
    v1::RecordRemoteClmViewResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "host_profile_id", request->host_profile_id());
    validate::Text(errors, "presentation_id", request->presentation_id(), 1, 64);
    ValidateParticipant(errors, "viewer", request->viewer());
    if (!errors.empty()) return errors.ToStatus();
    const auto& viewer = request->viewer();
    const bool self = caller.role == ROLE_HCP;
    if (self) {
      RETURN_IF_ERROR(CheckSelfReport(1, !viewer.hcp_profile_id().empty(), "viewer"));
    }
    ASSIGN_OR_RETURN(auto host,
                     Owner(context, caller.tenant, request->host_profile_id(), "host_profile_id"));
    RETURN_IF_ERROR(CheckStaffSide(host, self, caller.subject, "host_profile_id"));
    const absl::Time now = clock_.Now();
    if (viewer.hcp_profile_id().empty()) {
      // Not signed in: connected when they sign up with this (verified) email (CON-07, SEC-07).
      auto recorded = interactions_.RecordInteractions(
          caller.tenant,
          {{ids_.Next(), InteractionKind::kRemoteClmView, request->presentation_id(),
            request->host_profile_id(), "", NormalizeEmail(viewer.email()), now, caller.role}});
      return recorded.ok() ? absl::OkStatus() : recorded.status();
    }
    ASSIGN_OR_RETURN(
        auto hcp, Owner(context, caller.tenant, viewer.hcp_profile_id(), "viewer.hcp_profile_id"));
    auto checked =
        self ? CheckOwnProfile(hcp, caller.subject, ProfileKind::kHcp, "viewer.hcp_profile_id")
             : CheckProfile(hcp, ProfileKind::kHcp, "viewer.hcp_profile_id");
    if (!checked.ok()) return checked;
    auto connected =
        connections_.Connect(caller.tenant, request->host_profile_id(), viewer.hcp_profile_id(),
                             Origin::kRemoteClm, ConnectAct{caller.role, now}, ids_.Next(), now);
    if (!connected.ok()) return connected.status();
    RecordConnectionChange(audit_, caller.tenant, CallerActor(caller, context), *connected, now);
    ToProto(connected->connection, response->mutable_connection());
    return absl::OkStatus();
  });
}

grpc::Status ConnectionServiceImpl::SubmitMeetingRequest(
    grpc::ServerContext* context, const v1::SubmitMeetingRequestRequest* request,
    v1::SubmitMeetingRequestResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "field_user_profile_id", request->field_user_profile_id());
    validate::Id(errors, "hcp_profile_id", request->hcp_profile_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto hcp,
                     Owner(context, caller.tenant, request->hcp_profile_id(), "hcp_profile_id"));
    RETURN_IF_ERROR(CheckOwnProfile(hcp, caller.subject, ProfileKind::kHcp, "hcp_profile_id"));
    auto field_user =
        Owner(context, caller.tenant, request->field_user_profile_id(), "field_user_profile_id");
    if (!field_user.ok()) return field_user.status();
    RETURN_IF_ERROR(CheckStaffSide(*field_user, caller.role == ROLE_HCP, caller.subject,
                                   "field_user_profile_id"));
    const absl::Time now = clock_.Now();
    auto connected = connections_.Connect(caller.tenant, request->field_user_profile_id(),
                                          request->hcp_profile_id(), Origin::kMeetingRequest,
                                          ConnectAct{caller.role, now}, ids_.Next(), now);
    if (!connected.ok()) return connected.status();
    RecordConnectionChange(audit_, caller.tenant, CallerActor(caller, context), *connected, now);
    ToProto(connected->connection, response->mutable_connection());
    return absl::OkStatus();
  });
}

}  // namespace engage::connection
