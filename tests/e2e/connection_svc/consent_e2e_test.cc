// Consent, recipients, inviters and ownership in connection_svc, end to end
// through the gateway (SEC-05, SEC-06, SEC-08, SEC-09, SEC-12, and the
// ownership part of SEC-01). Every refusal is checked to change nothing.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "absl/strings/match.h"
#include "tests/e2e/connection_svc/connection_e2e_fixture.h"

namespace engage::testing {
namespace {

class ConsentE2e : public ConnectionE2e {
 protected:
  // sarah invites by link, dr-a accepts: the connection's id.
  std::string Connected() {
    AcceptInviteResponse accepted;
    grpc::Status st = Accept(Invite(INVITE_CHANNEL_LINK).link(), dr_a_, "dr-a", &accepted);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return accepted.connection().connection_id();
  }

  grpc::Status ClmView(engage::common::v1::Role role, const std::string& subject,
                       const Participant& viewer, RecordRemoteClmViewResponse* response) {
    RecordRemoteClmViewRequest view;
    view.set_host_profile_id(sarah_);
    view.set_presentation_id("deck-1");
    *view.mutable_viewer() = viewer;
    return connections_->RecordRemoteClmView(Ctx(role, subject).get(), view, response);
  }

  grpc::Status Attendance(engage::common::v1::Role role, const std::string& subject,
                          const std::string& meeting, const std::vector<Participant>& attendees) {
    RecordMeetingAttendanceRequest request;
    request.set_meeting_id(meeting);
    request.set_host_profile_id(sarah_);
    for (const auto& a : attendees) *request.add_attendees() = a;
    RecordMeetingAttendanceResponse response;
    return connections_->RecordMeetingAttendance(Ctx(role, subject).get(), request, &response);
  }

  static Participant ByProfile(const std::string& id) {
    Participant p;
    p.set_hcp_profile_id(id);
    return p;
  }
  static Participant ByEmail(const std::string& email) {
    Participant p;
    p.set_email(email);
    return p;
  }

  grpc::Status Disconnect(engage::common::v1::Role role, const std::string& subject,
                          const std::string& id) {
    DisconnectRequest request;
    request.set_connection_id(id);
    DisconnectResponse response;
    return connections_->Disconnect(Ctx(role, subject).get(), request, &response);
  }

  int InviteState(const std::string& invite_id) {
    auto rows = mesh_->db().pool().Query(
        "SELECT state FROM invites WHERE tenant_id = ? AND invite_id = ?", {tenant_, invite_id});
    return rows.ok() && rows->size() == 1u ? static_cast<int>((*rows)[0].Int(0)) : -1;
  }

  // "ACTION method actor" of the tenant's audit events about `object_id`,
  // oldest first, once at least `want` were written (the trail writes every
  // 200 ms).
  std::vector<std::string> AuditOf(const std::string& object_id, size_t want) {
    std::vector<std::string> out;
    for (int i = 0; i < 50; ++i) {
      out.clear();
      auto rows = mesh_->db().pool().Query(
          "SELECT action, method, actor_subject FROM audit_events WHERE tenant_id = ? AND "
          "object_id = ? ORDER BY event_id",
          {tenant_, object_id});
      EXPECT_TRUE(rows.ok()) << rows.status();
      if (!rows.ok()) break;
      for (const auto& r : *rows) {
        out.push_back(absl::StrCat(r.String(0), " ", r.String(1), " ", r.String(2)));
      }
      if (out.size() >= want) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return out;
  }
};

TEST_F(ConsentE2e, SEC05_FieldUserOwnReportsAreRefusedAndConnectNobody) {
  RecordRemoteClmViewResponse viewed;
  grpc::Status st = ClmView(ROLE_FIELD_USER, "sarah", ByProfile(dr_a_), &viewed);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();
  st = Attendance(ROLE_FIELD_USER, "sarah", "meeting-1", {ByProfile(dr_a_)});
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();
  EXPECT_EQ(RunJob().connected_count(), 0);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_NOT_CONNECTED);
  EXPECT_TRUE(Feed(100).empty());
}

TEST_F(ConsentE2e, SEC05_AnHcpReportsOnlyTheirOwnParticipation) {
  const std::string dr_b = Hcp("dr-b", "b@clinic.example");
  RecordRemoteClmViewResponse viewed;
  // Another HCP's profile is, to dr-b, no profile (SEC-03).
  grpc::Status other = ClmView(ROLE_HCP, "dr-b", ByProfile(dr_a_), &viewed);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND) << other.error_message();
  other = Attendance(ROLE_HCP, "dr-b", "meeting-1", {ByProfile(dr_a_)});
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND) << other.error_message();
  // Not by an e-mail, not more than themself: refused naming the rule.
  grpc::Status by_email = ClmView(ROLE_HCP, "dr-b", ByEmail("abernathy@clinic.example"), &viewed);
  EXPECT_EQ(by_email.error_code(), grpc::StatusCode::PERMISSION_DENIED) << by_email.error_message();
  EXPECT_TRUE(absl::StrContains(by_email.error_message(), "SEC-05")) << by_email.error_message();
  for (const auto& attendees : std::vector<std::vector<Participant>>{
           {ByProfile(dr_b), ByProfile(dr_a_)}, {ByEmail("x@clinic.example")}}) {
    grpc::Status st = Attendance(ROLE_HCP, "dr-b", "meeting-1", attendees);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();
    EXPECT_TRUE(absl::StrContains(st.error_message(), "SEC-05")) << st.error_message();
  }
  EXPECT_EQ(RunJob().connected_count(), 0);
  EXPECT_TRUE(Feed(100).empty());

  // Their own participation connects: attendance through the job, a view at once.
  ASSERT_TRUE(Attendance(ROLE_HCP, "dr-b", "meeting-1", {ByProfile(dr_b)}).ok());
  EXPECT_EQ(RunJob().connected_count(), 1);
  EXPECT_EQ(StatusOf(dr_b), CONNECTION_STATUS_CONNECTED);
  grpc::Status st = ClmView(ROLE_HCP, "dr-a", ByProfile(dr_a_), &viewed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(viewed.connection().hcp_profile_id(), dr_a_);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_CONNECTED);
}

TEST_F(ConsentE2e, SEC06_HcpDisconnectIsNotUndoneByAutomaticConnections) {
  const std::string id = Connected();
  // A meeting the HCP attended before ending the connection, not yet post-processed.
  ASSERT_TRUE(Attendance(ROLE_INTEGRATION, "meeting-system", "meeting-1", {ByProfile(dr_a_)}).ok());
  ASSERT_TRUE(Disconnect(ROLE_HCP, "dr-a", id).ok());
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_DISCONNECTED);

  // The content system reports a view: refused, naming the rule.
  RecordRemoteClmViewResponse viewed;
  grpc::Status st = ClmView(ROLE_INTEGRATION, "content-system", ByProfile(dr_a_), &viewed);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_TRUE(absl::StrContains(st.error_message(), "SEC-06")) << st.error_message();
  // The meeting system reports a later meeting; the job reactivates neither.
  ASSERT_TRUE(Attendance(ROLE_INTEGRATION, "meeting-system", "meeting-2", {ByProfile(dr_a_)}).ok());
  auto run = RunJob();
  EXPECT_EQ(run.connected_count(), 0);
  EXPECT_EQ(run.refused_count(), 2);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_DISCONNECTED);
  EXPECT_EQ(Feed(100).size(), 2u);  // created, deactivated: nothing since

  // The HCP acts again: a meeting request reactivates the same connection.
  SubmitMeetingRequestRequest meeting;
  meeting.set_field_user_profile_id(sarah_);
  meeting.set_hcp_profile_id(dr_a_);
  SubmitMeetingRequestResponse requested;
  st = connections_->SubmitMeetingRequest(Ctx(ROLE_HCP, "dr-a").get(), meeting, &requested);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(requested.connection().connection_id(), id);
  EXPECT_EQ(requested.connection().state(), CONNECTION_STATE_ACTIVE);
}

TEST_F(ConsentE2e, SEC06_AFieldUserDisconnectIsUndoneByTheHcpsConsentingInteraction) {
  const std::string id = Connected();
  ASSERT_TRUE(Disconnect(ROLE_FIELD_USER, "sarah", id).ok());
  RecordRemoteClmViewResponse viewed;
  grpc::Status st = ClmView(ROLE_INTEGRATION, "content-system", ByProfile(dr_a_), &viewed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(viewed.connection().connection_id(), id);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_CONNECTED);
}

TEST_F(ConsentE2e, SEC08_EmailInviteIsAnsweredOnlyByItsVerifiedRecipient) {
  auto invite = Invite(INVITE_CHANNEL_APPROVED_EMAIL);  // to abernathy@clinic.example (dr-a)
  const std::string dr_b = Hcp("dr-b", "b@clinic.example");
  // To anyone else the token names no invite (SEC-03, CON-12).
  AcceptInviteResponse accepted;
  grpc::Status st = Accept(invite.link(), dr_b, "dr-b", &accepted);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  EXPECT_EQ(st.error_message(), "token: no invite has this token");
  DeclineInviteRequest decline;
  decline.set_token(TokenOf(invite.link()));
  DeclineInviteResponse declined;
  st = connections_->DeclineInvite(Ctx(ROLE_HCP, "dr-b").get(), decline, &declined);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  EXPECT_FALSE(absl::StrContains(st.error_message(), "abernathy")) << st.error_message();
  EXPECT_FALSE(absl::StrContains(declined.DebugString(), "abernathy"));
  // The recipient's address in a token the provider did not verify is not enough.
  AcceptInviteRequest request;
  request.set_token(TokenOf(invite.link()));
  request.set_hcp_profile_id(dr_a_);
  st = connections_->AcceptInvite(
      Mesh::Context(EmailToken("dr-a", "abernathy@clinic.example", false)).get(), request,
      &accepted);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  EXPECT_EQ(InviteState(invite.invite().invite_id()), 1);  // still pending
  EXPECT_TRUE(Feed(100).empty());

  // The verified recipient accepts.
  st = Accept(invite.link(), dr_a_, "dr-a", &accepted);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_CONNECTED);
  // A link invite is accepted by any signed-in HCP of the tenant.
  st = Accept(Invite(INVITE_CHANNEL_LINK).link(), dr_b, "dr-b", &accepted);
  ASSERT_TRUE(st.ok()) << st.error_message();
}

TEST_F(ConsentE2e, SEC08_TheRecipientDeclinesAndTheAnswerDoesNotRepeatTheAddress) {
  auto invite = Invite(INVITE_CHANNEL_APPROVED_EMAIL);
  DeclineInviteRequest decline;
  decline.set_token(TokenOf(invite.link()));
  DeclineInviteResponse declined;
  grpc::Status st = connections_->DeclineInvite(Ctx(ROLE_HCP, "dr-a").get(), decline, &declined);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(declined.invite().state(), INVITE_STATE_DECLINED);
  EXPECT_TRUE(declined.invite().recipient_email().empty());
}

TEST_F(ConsentE2e, SEC09_DeactivatedInvitersOpenInviteIsRevokedAtAcceptance) {
  auto invite = Invite(INVITE_CHANNEL_LINK);
  prf::GetBusinessCardRequest get;
  get.set_profile_id(sarah_);
  prf::GetBusinessCardResponse card;
  ASSERT_TRUE(profiles_->GetBusinessCard(Ctx(ROLE_ADMIN, "admin").get(), get, &card).ok());
  prf::UpdateProfileRequest deactivate;
  deactivate.set_profile_id(sarah_);
  deactivate.set_etag(card.card().etag());
  deactivate.mutable_profile()->set_active(false);
  deactivate.mutable_update_mask()->add_paths("active");
  prf::UpdateProfileResponse updated;
  grpc::Status st = profiles_->UpdateProfile(Ctx(ROLE_ADMIN, "admin").get(), deactivate, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();

  AcceptInviteResponse accepted;
  st = Accept(invite.link(), dr_a_, "dr-a", &accepted);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_TRUE(absl::StrContains(st.error_message(), "SEC-09")) << st.error_message();
  EXPECT_EQ(InviteState(invite.invite().invite_id()), 4);  // revoked
  st = Accept(invite.link(), dr_a_, "dr-a", &accepted);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_TRUE(Feed(100).empty());
  EXPECT_EQ(AuditOf(invite.invite().invite_id(), 1),
            std::vector<std::string>{
                "INVITE_REVOKE /engage.connection.v1.ConnectionService/AcceptInvite dr-a"});
}

TEST_F(ConsentE2e, SEC01_Ownership_AnotherOwnersConnectionsAndInvitesAreRefused) {
  const std::string mark = FieldUser("mark");
  const std::string dr_b = Hcp("dr-b", "b@clinic.example");
  const std::string id = Connected();
  auto open = Invite(INVITE_CHANNEL_LINK);
  // A field user naming another's profile as theirs: PERMISSION_DENIED (they
  // see every card's public part anyway). Someone else's connection, invite
  // or HCP profile: NOT_FOUND, as a missing one (SEC-03).
  const auto denied = grpc::StatusCode::PERMISSION_DENIED;
  const auto unknown = grpc::StatusCode::NOT_FOUND;

  BatchGetConnectionStatusesRequest statuses;
  statuses.set_field_user_profile_id(sarah_);
  statuses.add_hcp_profile_ids(dr_a_);
  BatchGetConnectionStatusesResponse status_resp;
  EXPECT_EQ(
      connections_
          ->BatchGetConnectionStatuses(Ctx(ROLE_FIELD_USER, "mark").get(), statuses, &status_resp)
          .error_code(),
      denied);
  ListConnectionsRequest list;
  list.set_profile_id(sarah_);
  ListConnectionsResponse listed;
  EXPECT_EQ(
      connections_->ListConnections(Ctx(ROLE_FIELD_USER, "mark").get(), list, &listed).error_code(),
      denied);
  EXPECT_EQ(Disconnect(ROLE_FIELD_USER, "mark", id).error_code(), unknown);
  EXPECT_EQ(Disconnect(ROLE_HCP, "dr-b", id).error_code(), unknown);
  RevokeInviteRequest revoke;
  revoke.set_invite_id(open.invite().invite_id());
  RevokeInviteResponse revoked;
  EXPECT_EQ(
      connections_->RevokeInvite(Ctx(ROLE_FIELD_USER, "mark").get(), revoke, &revoked).error_code(),
      unknown);
  SubmitMeetingRequestRequest meeting;
  meeting.set_field_user_profile_id(mark);
  meeting.set_hcp_profile_id(dr_a_);
  SubmitMeetingRequestResponse requested;
  EXPECT_EQ(connections_->SubmitMeetingRequest(Ctx(ROLE_HCP, "dr-b").get(), meeting, &requested)
                .error_code(),
            unknown);
  AcceptInviteResponse accepted;
  EXPECT_EQ(Accept(open.link(), dr_a_, "dr-b", &accepted).error_code(), unknown);

  // Nothing changed; the admin sees the whole tenant.
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_CONNECTED);
  EXPECT_EQ(InviteState(open.invite().invite_id()), 1);
  EXPECT_EQ(Feed(100).size(), 1u);
  EXPECT_TRUE(
      connections_
          ->BatchGetConnectionStatuses(Ctx(ROLE_ADMIN, "admin").get(), statuses, &status_resp)
          .ok());
  EXPECT_TRUE(connections_->ListConnections(Ctx(ROLE_ADMIN, "admin").get(), list, &listed).ok());
  EXPECT_EQ(listed.connections_size(), 1);
}

// The answer to a call naming someone else's object, and to the same call
// naming an object that does not exist: code, message and details alike.
void ExpectSameAnswer(const grpc::Status& theirs, const grpc::Status& missing,
                      const std::string& what) {
  EXPECT_EQ(theirs.error_code(), grpc::StatusCode::NOT_FOUND)
      << what << ": " << theirs.error_message();
  EXPECT_EQ(theirs.error_code(), missing.error_code()) << what;
  EXPECT_EQ(theirs.error_message(), missing.error_message()) << what;
  EXPECT_EQ(theirs.error_details(), missing.error_details()) << what;
}

// A well-formed id or token of nothing: `real` with its last character changed.
std::string Unused(std::string real) {
  real.back() = real.back() == 'Z' ? 'Y' : 'Z';
  return real;
}

TEST_F(ConsentE2e, SEC03_CON12_SomeoneElsesObjectAnswersExactlyAsAMissingOne) {
  const std::string mark = FieldUser("mark");
  const std::string dr_b = Hcp("dr-b", "b@clinic.example");
  const std::string connection = Connected();
  auto email = Invite(INVITE_CHANNEL_APPROVED_EMAIL);  // to dr-a's address
  auto link = Invite(INVITE_CHANNEL_LINK);
  const std::string no_profile = Unused(dr_a_);
  ASSERT_NE(no_profile, dr_b);

  // An HCP naming another HCP's profile (dr-b names dr-a's).
  ListConnectionsResponse listed;
  auto list = [&](const std::string& profile) {
    ListConnectionsRequest request;
    request.set_profile_id(profile);
    return connections_->ListConnections(Ctx(ROLE_HCP, "dr-b").get(), request, &listed);
  };
  ExpectSameAnswer(list(dr_a_), list(no_profile), "ListConnections");
  auto meeting = [&](const std::string& hcp) {
    SubmitMeetingRequestRequest request;
    request.set_field_user_profile_id(sarah_);
    request.set_hcp_profile_id(hcp);
    SubmitMeetingRequestResponse response;
    return connections_->SubmitMeetingRequest(Ctx(ROLE_HCP, "dr-b").get(), request, &response);
  };
  ExpectSameAnswer(meeting(dr_a_), meeting(no_profile), "SubmitMeetingRequest");
  RecordRemoteClmViewResponse viewed;
  ExpectSameAnswer(ClmView(ROLE_HCP, "dr-b", ByProfile(dr_a_), &viewed),
                   ClmView(ROLE_HCP, "dr-b", ByProfile(no_profile), &viewed),
                   "RecordRemoteClmView");
  ExpectSameAnswer(Attendance(ROLE_HCP, "dr-b", "meeting-1", {ByProfile(dr_a_)}),
                   Attendance(ROLE_HCP, "dr-b", "meeting-1", {ByProfile(no_profile)}),
                   "RecordMeetingAttendance");
  AcceptInviteResponse accepted;
  ExpectSameAnswer(Accept(link.link(), dr_a_, "dr-b", &accepted),
                   Accept(link.link(), no_profile, "dr-b", &accepted), "AcceptInvite's profile");
  // ... or as the host or field user of an interaction (attack review 6, finding 6).
  auto meeting_with = [&](const std::string& field_user) {
    SubmitMeetingRequestRequest request;
    request.set_field_user_profile_id(field_user);
    request.set_hcp_profile_id(dr_b);
    SubmitMeetingRequestResponse response;
    return connections_->SubmitMeetingRequest(Ctx(ROLE_HCP, "dr-b").get(), request, &response);
  };
  ExpectSameAnswer(meeting_with(dr_a_), meeting_with(no_profile),
                   "SubmitMeetingRequest's field user");
  auto hosted_view = [&](const std::string& host) {
    RecordRemoteClmViewRequest request;
    request.set_host_profile_id(host);
    request.set_presentation_id("deck-1");
    *request.mutable_viewer() = ByProfile(dr_b);
    return connections_->RecordRemoteClmView(Ctx(ROLE_HCP, "dr-b").get(), request, &viewed);
  };
  ExpectSameAnswer(hosted_view(dr_a_), hosted_view(no_profile), "RecordRemoteClmView's host");
  auto hosted_meeting = [&](const std::string& host) {
    RecordMeetingAttendanceRequest request;
    request.set_meeting_id("meeting-2");
    request.set_host_profile_id(host);
    *request.add_attendees() = ByProfile(dr_b);
    RecordMeetingAttendanceResponse response;
    return connections_->RecordMeetingAttendance(Ctx(ROLE_HCP, "dr-b").get(), request, &response);
  };
  ExpectSameAnswer(hosted_meeting(dr_a_), hosted_meeting(no_profile),
                   "RecordMeetingAttendance's host");
  // Their own profile as the host stays the wrong kind (nothing to hide).
  EXPECT_EQ(hosted_view(dr_b).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  // An e-mail invite sent to another address (dr-b answers dr-a's).
  const std::string no_token = Unused(TokenOf(email.link()));
  ExpectSameAnswer(Accept(email.link(), dr_b, "dr-b", &accepted),
                   Accept("x/" + no_token, dr_b, "dr-b", &accepted), "AcceptInvite");
  auto decline = [&](const std::string& token) {
    DeclineInviteRequest request;
    request.set_token(token);
    DeclineInviteResponse response;
    return connections_->DeclineInvite(Ctx(ROLE_HCP, "dr-b").get(), request, &response);
  };
  ExpectSameAnswer(decline(TokenOf(email.link())), decline(no_token), "DeclineInvite");
  auto preview = [&](const std::string& token) {
    PreviewInviteRequest request;
    request.set_token(token);
    PreviewInviteResponse response;
    return connections_->PreviewInvite(Ctx(ROLE_HCP, "dr-b").get(), request, &response);
  };
  ExpectSameAnswer(preview(TokenOf(email.link())), preview(no_token), "PreviewInvite");

  // Another field user's invite (mark revokes sarah's).
  auto revoke = [&](const std::string& id) {
    RevokeInviteRequest request;
    request.set_invite_id(id);
    RevokeInviteResponse response;
    return connections_->RevokeInvite(Ctx(ROLE_FIELD_USER, "mark").get(), request, &response);
  };
  ExpectSameAnswer(revoke(link.invite().invite_id()), revoke(Unused(link.invite().invite_id())),
                   "RevokeInvite");
  // A connection between others (sarah and dr-a), for a field user and an HCP.
  ExpectSameAnswer(Disconnect(ROLE_FIELD_USER, "mark", connection),
                   Disconnect(ROLE_FIELD_USER, "mark", Unused(connection)), "Disconnect (mark)");
  ExpectSameAnswer(Disconnect(ROLE_HCP, "dr-b", connection),
                   Disconnect(ROLE_HCP, "dr-b", Unused(connection)), "Disconnect (dr-b)");

  // Kept PERMISSION_DENIED: a field user naming another's profile as their own
  // (every card's public part is theirs to see), and a role the method does not
  // take (the gateway's per-method roles).
  ListConnectionsRequest others;
  others.set_profile_id(sarah_);
  EXPECT_EQ(connections_->ListConnections(Ctx(ROLE_FIELD_USER, "mark").get(), others, &listed)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  RevokeInviteRequest by_hcp;
  by_hcp.set_invite_id(link.invite().invite_id());
  RevokeInviteResponse not_revoked;
  EXPECT_EQ(
      connections_->RevokeInvite(Ctx(ROLE_HCP, "dr-a").get(), by_hcp, &not_revoked).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);

  // And every refusal changed nothing; the owners still act.
  EXPECT_EQ(InviteState(email.invite().invite_id()), 1);
  EXPECT_EQ(InviteState(link.invite().invite_id()), 1);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_CONNECTED);
  EXPECT_EQ(StatusOf(dr_b), CONNECTION_STATUS_NOT_CONNECTED);
  EXPECT_EQ(Feed(100).size(), 1u);
  RevokeInviteResponse revoked;
  EXPECT_TRUE(
      connections_->RevokeInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), by_hcp, &revoked).ok());
}

TEST_F(ConsentE2e, SEC12_ConnectionChangesAndInviteAnswersAreAudited) {
  const std::string method = "/engage.connection.v1.ConnectionService/";
  auto link = Invite(INVITE_CHANNEL_LINK);
  AcceptInviteResponse accepted;
  ASSERT_TRUE(Accept(link.link(), dr_a_, "dr-a", &accepted).ok());
  const std::string id = accepted.connection().connection_id();
  ASSERT_TRUE(Disconnect(ROLE_HCP, "dr-a", id).ok());
  SubmitMeetingRequestRequest meeting;
  meeting.set_field_user_profile_id(sarah_);
  meeting.set_hcp_profile_id(dr_a_);
  SubmitMeetingRequestResponse requested;
  ASSERT_TRUE(
      connections_->SubmitMeetingRequest(Ctx(ROLE_HCP, "dr-a").get(), meeting, &requested).ok());
  auto email = Invite(INVITE_CHANNEL_APPROVED_EMAIL);
  DeclineInviteRequest decline;
  decline.set_token(TokenOf(email.link()));
  DeclineInviteResponse declined;
  ASSERT_TRUE(connections_->DeclineInvite(Ctx(ROLE_HCP, "dr-a").get(), decline, &declined).ok());
  auto withdrawn = Invite(INVITE_CHANNEL_QR_CODE);
  RevokeInviteRequest revoke;
  revoke.set_invite_id(withdrawn.invite().invite_id());
  RevokeInviteResponse revoked;
  ASSERT_TRUE(
      connections_->RevokeInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), revoke, &revoked).ok());

  EXPECT_EQ(AuditOf(id, 3), (std::vector<std::string>{
                                absl::StrCat("CONNECT ", method, "AcceptInvite dr-a"),
                                absl::StrCat("DISCONNECT ", method, "Disconnect dr-a"),
                                absl::StrCat("RECONNECT ", method, "SubmitMeetingRequest dr-a")}));
  EXPECT_EQ(AuditOf(link.invite().invite_id(), 1),
            std::vector<std::string>{absl::StrCat("INVITE_ACCEPT ", method, "AcceptInvite dr-a")});
  EXPECT_EQ(
      AuditOf(email.invite().invite_id(), 1),
      std::vector<std::string>{absl::StrCat("INVITE_DECLINE ", method, "DeclineInvite dr-a")});
  EXPECT_EQ(AuditOf(withdrawn.invite().invite_id(), 1),
            std::vector<std::string>{absl::StrCat("INVITE_REVOKE ", method, "RevokeInvite sarah")});
}

}  // namespace
}  // namespace engage::testing
