// The connection flows end to end through the gateway, with the real
// profile_svc behind connection_svc (CON-01..11).
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/e2e/connection_svc/connection_e2e_fixture.h"

namespace engage::testing {
namespace {

TEST_F(ConnectionE2e, CON01_CON02_QrInviteCarriesTheLinkInPngAndSvg) {
  auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  EXPECT_TRUE(absl::StartsWith(invite.link(), "https://engage.example.com/invite/"))
      << invite.link();
  EXPECT_EQ(invite.invite().inviter_profile_id(), sarah_);
  EXPECT_EQ(invite.invite().state(), INVITE_STATE_PENDING);
  // CON-03 (chosen): 30 days.
  EXPECT_EQ(invite.invite().expire_time().seconds() - invite.invite().create_time().seconds(),
            30 * 24 * 3600);
  ASSERT_FALSE(invite.qr_png().empty());
  EXPECT_NE(invite.qr_svg().find("<svg"), std::string::npos);
  const std::string path = absl::StrCat(TestDir(), "/", UniqueName("invite"), ".png");
  std::ofstream(path, std::ios::binary) << invite.qr_png();
  std::string decoded;
  if (FILE* pipe = popen(("zbarimg --quiet --raw " + path).c_str(), "r")) {
    char buf[1024];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) decoded.append(buf, n);
    pclose(pipe);
  }
  std::remove(path.c_str());
  while (!decoded.empty() && decoded.back() == '\n') decoded.pop_back();
  EXPECT_EQ(decoded, invite.link());

  // A link or email invite carries no image; each invite has its own token.
  auto link = Invite(INVITE_CHANNEL_LINK);
  EXPECT_TRUE(link.qr_png().empty());
  EXPECT_NE(TokenOf(link.link()), TokenOf(invite.link()));
  auto email = Invite(INVITE_CHANNEL_APPROVED_EMAIL);
  EXPECT_EQ(email.invite().recipient_email(), "abernathy@clinic.example");
}

TEST_F(ConnectionE2e, CON01_BadInvitesNameTheirFields) {
  CreateInviteRequest request;
  request.set_inviter_profile_id(sarah_);
  request.set_channel(static_cast<InviteChannel>(42));
  request.set_recipient_email("x@y.example");
  request.set_org_id("'; DROP TABLE invites;--");
  CreateInviteResponse response;
  grpc::Status st =
      connections_->CreateInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), request, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"channel", "org_id", "account_id"}) {
    EXPECT_NE(st.error_message().find(field), std::string::npos)
        << field << ": " << st.error_message();
  }
  // Inviting as someone else's profile is refused.
  request = CreateInviteRequest();
  request.set_inviter_profile_id(sarah_);
  request.set_channel(INVITE_CHANNEL_LINK);
  EXPECT_EQ(connections_->CreateInvite(Ctx(ROLE_FIELD_USER, "mark").get(), request, &response)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  AcceptInviteRequest accept;
  accept.set_token("not a token");
  accept.set_hcp_profile_id(dr_a_);
  AcceptInviteResponse accepted;
  st = connections_->AcceptInvite(Ctx(ROLE_HCP, "dr-a").get(), accept, &accepted);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("token"), std::string::npos);
}

TEST_F(ConnectionE2e, CON04_ConcurrentAcceptsThroughTheGatewayYieldOneConnection) {
  auto invite = Invite(INVITE_CHANNEL_LINK);
  constexpr int kCallers = 50;
  std::atomic<int> ok{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) {
    threads.emplace_back([&] {
      AcceptInviteResponse response;
      grpc::Status st = Accept(invite.link(), dr_a_, "dr-a", &response);
      if (st.ok()) {
        ++ok;
      } else if (st.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
        ++refused;
      } else {
        ADD_FAILURE() << st.error_code() << " " << st.error_message();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), kCallers - 1);
  ListConnectionsRequest list;
  list.set_profile_id(dr_a_);
  ListConnectionsResponse listed;
  ASSERT_TRUE(connections_->ListConnections(Ctx(ROLE_HCP, "dr-a").get(), list, &listed).ok());
  ASSERT_EQ(listed.connections_size(), 1);
  EXPECT_EQ(listed.connections(0).field_user_profile_id(), sarah_);
  EXPECT_EQ(Feed(100).size(), 1u);
}

TEST_F(ConnectionE2e, CON09_OnlyTheOwnerOrAnAdminListsAProfilesConnections) {
  AcceptInviteResponse accepted;
  ASSERT_TRUE(Accept(Invite(INVITE_CHANNEL_LINK).link(), dr_a_, "dr-a", &accepted).ok());
  Hcp("dr-b", "b@clinic.example");
  ListConnectionsRequest list;
  list.set_profile_id(dr_a_);
  ListConnectionsResponse listed;
  // Another HCP, and a field user, may not read dr-a's connections; to the
  // HCP the profile does not exist (SEC-03).
  EXPECT_EQ(connections_->ListConnections(Ctx(ROLE_HCP, "dr-b").get(), list, &listed).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(connections_->ListConnections(Ctx(ROLE_FIELD_USER, "sarah").get(), list, &listed)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(connections_->ListConnections(Ctx(ROLE_HCP, "dr-a").get(), list, &listed).ok());
  EXPECT_TRUE(connections_->ListConnections(Ctx(ROLE_ADMIN, "admin").get(), list, &listed).ok());
  EXPECT_EQ(listed.connections_size(), 1);
}

TEST_F(ConnectionE2e, CON04_OnlyASignedInHcpAcceptsAsThemself) {
  auto invite = Invite(INVITE_CHANNEL_LINK);
  AcceptInviteResponse response;
  // Someone else's HCP profile: to dr-b it does not exist (SEC-03).
  Hcp("dr-b", "b@clinic.example");
  EXPECT_EQ(Accept(invite.link(), dr_a_, "dr-b", &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // A field user cannot accept at all.
  AcceptInviteRequest request;
  request.set_token(TokenOf(invite.link()));
  request.set_hcp_profile_id(dr_a_);
  EXPECT_EQ(connections_->AcceptInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), request, &response)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // The invite is still open for the right HCP.
  EXPECT_TRUE(Accept(invite.link(), dr_a_, "dr-a", &response).ok());
}

TEST_F(ConnectionE2e, CON03_RevokedAndDeclinedInvitesCannotBeAcceptedAndChangeNothing) {
  auto revoked = Invite(INVITE_CHANNEL_LINK);
  RevokeInviteRequest revoke;
  revoke.set_invite_id(revoked.invite().invite_id());
  RevokeInviteResponse revoke_resp;
  // Only the inviter revokes; to another field user the invite does not exist.
  FieldUser("mark");
  EXPECT_EQ(connections_->RevokeInvite(Ctx(ROLE_FIELD_USER, "mark").get(), revoke, &revoke_resp)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(
      connections_->RevokeInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), revoke, &revoke_resp).ok());
  EXPECT_EQ(revoke_resp.invite().state(), INVITE_STATE_REVOKED);

  auto declined = Invite(INVITE_CHANNEL_APPROVED_EMAIL);
  DeclineInviteRequest decline;
  decline.set_token(TokenOf(declined.link()));
  DeclineInviteResponse decline_resp;
  ASSERT_TRUE(
      connections_->DeclineInvite(Ctx(ROLE_HCP, "dr-a").get(), decline, &decline_resp).ok());
  EXPECT_EQ(decline_resp.invite().state(), INVITE_STATE_DECLINED);

  AcceptInviteResponse response;
  EXPECT_EQ(Accept(revoked.link(), dr_a_, "dr-a", &response).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Accept(declined.link(), dr_a_, "dr-a", &response).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_NOT_CONNECTED);
  EXPECT_TRUE(Feed(100).empty());
}

TEST_F(ConnectionE2e, CON09_CON10_DisconnectAndReconnectKeepTheSameConnection) {
  AcceptInviteResponse first;
  ASSERT_TRUE(Accept(Invite(INVITE_CHANNEL_LINK).link(), dr_a_, "dr-a", &first).ok());
  const std::string id = first.connection().connection_id();
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_CONNECTED);

  // CON-10: a meeting request of a connected pair returns the same connection.
  SubmitMeetingRequestRequest meeting;
  meeting.set_field_user_profile_id(sarah_);
  meeting.set_hcp_profile_id(dr_a_);
  SubmitMeetingRequestResponse meeting_resp;
  ASSERT_TRUE(
      connections_->SubmitMeetingRequest(Ctx(ROLE_HCP, "dr-a").get(), meeting, &meeting_resp).ok());
  EXPECT_EQ(meeting_resp.connection().connection_id(), id);

  // CON-09: a stranger cannot disconnect (to them it does not exist); the HCP can.
  DisconnectRequest disconnect;
  disconnect.set_connection_id(id);
  DisconnectResponse disconnected;
  EXPECT_EQ(connections_->Disconnect(Ctx(ROLE_FIELD_USER, "mark").get(), disconnect, &disconnected)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(
      connections_->Disconnect(Ctx(ROLE_HCP, "dr-a").get(), disconnect, &disconnected).ok());
  EXPECT_EQ(disconnected.connection().state(), CONNECTION_STATE_INACTIVE);
  EXPECT_GT(disconnected.connection().inactivation_time().seconds(), 0);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_DISCONNECTED);

  AcceptInviteResponse again;
  ASSERT_TRUE(Accept(Invite(INVITE_CHANNEL_QR_CODE).link(), dr_a_, "dr-a", &again).ok());
  EXPECT_EQ(again.connection().connection_id(), id);
  EXPECT_EQ(again.connection().state(), CONNECTION_STATE_ACTIVE);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_CONNECTED);

  // The field user can disconnect too.
  ASSERT_TRUE(
      connections_->Disconnect(Ctx(ROLE_FIELD_USER, "sarah").get(), disconnect, &disconnected)
          .ok());
  auto feed = Feed(1);
  ASSERT_EQ(feed.size(), 4u);
  EXPECT_EQ(feed[0].kind(), CHANGE_KIND_CREATED);
  EXPECT_EQ(feed[1].kind(), CHANGE_KIND_DEACTIVATED);
  EXPECT_EQ(feed[2].kind(), CHANGE_KIND_REACTIVATED);
  EXPECT_EQ(feed[3].kind(), CHANGE_KIND_DEACTIVATED);
}

TEST_F(ConnectionE2e, CON06_CON07_CON08_MeetingAttendanceAndClmViewsConnectAutomatically) {
  const std::string dr_b = Hcp("dr-b", "b@clinic.example");
  RecordMeetingAttendanceRequest meeting;
  meeting.set_meeting_id("meeting-42");
  meeting.set_host_profile_id(sarah_);
  meeting.add_attendees()->set_hcp_profile_id(dr_a_);
  meeting.add_attendees()->set_email("Evans@Clinic.example");  // not signed in
  RecordMeetingAttendanceResponse recorded;
  // SEC-05: the meeting system reports attendance (INTEGRATION).
  grpc::Status st = connections_->RecordMeetingAttendance(
      Ctx(ROLE_INTEGRATION, "meeting-system").get(), meeting, &recorded);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(recorded.recorded_count(), 2);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_NOT_CONNECTED);

  // CON-08: the job turns attendance into connections; its state is visible to other services.
  RunPostProcessingResponse run;
  st = connections_->RunPostProcessing(Ctx(ROLE_ADMIN, "admin").get(), RunPostProcessingRequest(),
                                       &run);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(run.ran());
  EXPECT_EQ(run.connected_count(), 1);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_CONNECTED);
  auto internal = ConnectionInternalService::NewStub(mesh_->Channel("connection"));
  GetPostProcessingStateRequest state_req;
  state_req.set_tenant_id(tenant_);
  GetPostProcessingStateResponse state;
  ASSERT_TRUE(internal
                  ->GetPostProcessingState(Mesh::Context(ROLE_SERVICE, "*", "profile").get(),
                                           state_req, &state)
                  .ok());
  EXPECT_EQ(state.state(), POST_PROCESSING_STATE_IDLE);
  EXPECT_GT(state.last_end_time().seconds(), 0);

  // CON-06: a signed-in CLM viewer is connected at once (SEC-05: reported with their own token).
  RecordRemoteClmViewRequest view;
  view.set_host_profile_id(sarah_);
  view.set_presentation_id("deck-1");
  view.mutable_viewer()->set_hcp_profile_id(dr_b);
  RecordRemoteClmViewResponse viewed;
  st = connections_->RecordRemoteClmView(Ctx(ROLE_HCP, "dr-b").get(), view, &viewed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(viewed.connection().hcp_profile_id(), dr_b);

  // CON-07: the attendee known by email signs up, and the next run connects them.
  const std::string evans = Hcp("evans", "evans@clinic.example");
  EXPECT_EQ(StatusOf(evans), CONNECTION_STATUS_NOT_CONNECTED);
  st = connections_->RunPostProcessing(Ctx(ROLE_ADMIN, "admin").get(), RunPostProcessingRequest(),
                                       &run);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(run.connected_count(), 1);
  EXPECT_EQ(StatusOf(evans), CONNECTION_STATUS_CONNECTED);
}

TEST_F(ConnectionE2e, CON05_InviteFromAnAccountLinksTheHcpsProfile) {
  prf::CreateOrgRequest org;
  org.mutable_org()->set_org_id("00D000000000001AAA");
  org.mutable_org()->set_type(prf::ORG_TYPE_PRODUCTION);
  org.mutable_org()->set_domain("acme.example.com");
  prf::CreateOrgResponse org_resp;
  grpc::Status st = profiles_->CreateOrg(Ctx(ROLE_ADMIN, "admin").get(), org, &org_resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  // SEC-08: an invite's account belongs to the inviter's own org; sarah's is another.
  CreateInviteRequest foreign;
  foreign.set_inviter_profile_id(sarah_);
  foreign.set_channel(INVITE_CHANNEL_LINK);
  foreign.set_org_id("00D000000000001AAA");
  foreign.set_account_id("001ACCOUNT1");
  CreateInviteResponse refused;
  st = connections_->CreateInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), foreign, &refused);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();
  // A rep of the org invites from one of its accounts.
  const std::string mark = FieldUser("mark", "00D000000000001AAA");
  auto invite = Invite(INVITE_CHANNEL_LINK, "001ACCOUNT1", mark, "mark");
  EXPECT_EQ(invite.invite().account_id(), "001ACCOUNT1");
  AcceptInviteResponse accepted;
  ASSERT_TRUE(Accept(invite.link(), dr_a_, "dr-a", &accepted).ok());
  // The link is made at acceptance: nothing is left for the job to retry.
  auto* pool = &mesh_->db().pool();
  auto pending = pool->Query("SELECT link_state FROM invites WHERE tenant_id = ? AND invite_id = ?",
                             {tenant_, invite.invite().invite_id()});
  ASSERT_TRUE(pending.ok() && pending->size() == 1u);
  EXPECT_EQ((*pending)[0].Int(0), 2);  // linked
  auto links =
      pool->Query("SELECT account_id FROM account_links WHERE tenant_id = ? AND profile_id = ?",
                  {tenant_, dr_a_});
  ASSERT_TRUE(links.ok()) << links.status();
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ((*links)[0].String(0), "001ACCOUNT1");
}

TEST_F(ConnectionE2e, CON11_FeedReadInPagesOf1_7_1000IsTheSame) {
  for (int i = 0; i < 9; ++i) {
    const std::string hcp = Hcp(absl::StrCat("hcp-", i), absl::StrCat("h", i, "@clinic.example"));
    AcceptInviteResponse accepted;
    ASSERT_TRUE(
        Accept(Invite(INVITE_CHANNEL_LINK).link(), hcp, absl::StrCat("hcp-", i), &accepted).ok());
    if (i % 3 == 0) {
      DisconnectRequest d;
      d.set_connection_id(accepted.connection().connection_id());
      DisconnectResponse dr;
      ASSERT_TRUE(connections_->Disconnect(Ctx(ROLE_FIELD_USER, "sarah").get(), d, &dr).ok());
    }
  }
  auto ones = Feed(1), sevens = Feed(7), thousands = Feed(1000);
  ASSERT_EQ(ones.size(), 12u);
  ASSERT_EQ(sevens.size(), ones.size());
  ASSERT_EQ(thousands.size(), ones.size());
  for (size_t i = 0; i < ones.size(); ++i) {
    EXPECT_EQ(ones[i].sequence(), static_cast<int64_t>(i + 1));
    EXPECT_EQ(ones[i].SerializeAsString(), sevens[i].SerializeAsString());
    EXPECT_EQ(ones[i].SerializeAsString(), thousands[i].SerializeAsString());
  }
  // The feed is internal: never through the gateway, never for other roles.
  auto internal = ConnectionInternalService::NewStub(mesh_->Channel("connection"));
  ReadChangeFeedRequest request;
  request.set_tenant_id(tenant_);
  request.set_page_size(1001);
  ReadChangeFeedResponse response;
  EXPECT_EQ(
      internal->ReadChangeFeed(Ctx(ROLE_ADMIN, "admin").get(), request, &response).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  grpc::Status st = internal->ReadChangeFeed(Mesh::Context(ROLE_SERVICE, "*", "profile").get(),
                                             request, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("page_size"), std::string::npos);
  auto via_gateway = ConnectionInternalService::NewStub(mesh_->Channel());
  request.set_page_size(10);
  EXPECT_EQ(
      via_gateway
          ->ReadChangeFeed(Mesh::Context(ROLE_SERVICE, "*", "profile").get(), request, &response)
          .error_code(),
      grpc::StatusCode::UNIMPLEMENTED);
}

// PRF-11, PRF-12 across services: profile_svc removes a profile, connection_svc's job reads the
// removals feed and deactivates the profile's connections.
class ProfileRemovalE2e : public ConnectionE2e {
 protected:
  // `field_user` (subject) invites, `hcp` (subject) accepts; returns the connection id.
  std::string ConnectVia(const std::string& field_user, const std::string& field_user_subject,
                         const std::string& hcp, const std::string& hcp_subject) {
    CreateInviteRequest request;
    request.set_inviter_profile_id(field_user);
    request.set_channel(INVITE_CHANNEL_LINK);
    CreateInviteResponse invite;
    grpc::Status st = connections_->CreateInvite(Ctx(ROLE_FIELD_USER, field_user_subject).get(),
                                                 request, &invite);
    EXPECT_TRUE(st.ok()) << st.error_message();
    AcceptInviteResponse accepted;
    st = Accept(invite.link(), hcp, hcp_subject, &accepted);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return accepted.connection().connection_id();
  }

  std::map<std::string, Connection> ConnectionsOf(const std::string& profile_id) {
    ListConnectionsRequest request;
    request.set_profile_id(profile_id);
    ListConnectionsResponse response;
    grpc::Status st =
        connections_->ListConnections(Ctx(ROLE_ADMIN, "admin").get(), request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::map<std::string, Connection> out;
    for (const auto& c : response.connections()) out[c.connection_id()] = c;
    return out;
  }

  // Both connections of `hcp` are INACTIVE with an inactivation time, and the
  // change feed's entries after `feed_before` are exactly their two deactivations.
  void ExpectDeactivated(const std::string& hcp, const std::vector<std::string>& ids,
                         size_t feed_before) {
    auto listed = ConnectionsOf(hcp);
    for (const auto& id : ids) {
      ASSERT_EQ(listed.count(id), 1u) << id;  // deactivated, never deleted
      EXPECT_EQ(listed[id].state(), CONNECTION_STATE_INACTIVE) << id;
      EXPECT_GT(listed[id].inactivation_time().seconds(), 0) << id;
    }
    auto feed = Feed(100);
    ASSERT_EQ(feed.size(), feed_before + ids.size());
    std::set<std::string> deactivated;
    for (size_t i = feed_before; i < feed.size(); ++i) {
      EXPECT_EQ(feed[i].kind(), CHANGE_KIND_DEACTIVATED);
      EXPECT_EQ(feed[i].hcp_profile_id(), hcp);
      deactivated.insert(feed[i].connection_id());
    }
    EXPECT_EQ(deactivated, std::set<std::string>(ids.begin(), ids.end()));
  }
};

TEST_F(ProfileRemovalE2e, PRF11_CON09_DeletedHcpsConnectionsAreDeactivatedWithFeedEntries) {
  const std::string mark = FieldUser("mark");
  const std::string with_sarah = ConnectVia(sarah_, "sarah", dr_a_, "dr-a");
  const std::string with_mark = ConnectVia(mark, "mark", dr_a_, "dr-a");
  const size_t feed_before = Feed(100).size();
  ASSERT_EQ(feed_before, 2u);

  prf::DeleteProfileRequest del;
  del.set_profile_id(dr_a_);
  prf::DeleteProfileResponse deleted;
  grpc::Status st = profiles_->DeleteProfile(Ctx(ROLE_HCP, "dr-a").get(), del, &deleted);
  ASSERT_TRUE(st.ok()) << st.error_message();

  EXPECT_EQ(RunJob().deactivated_count(), 2);
  ExpectDeactivated(dr_a_, {with_sarah, with_mark}, feed_before);
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_DISCONNECTED);
  // The next run repeats nothing.
  EXPECT_EQ(RunJob().deactivated_count(), 0);
  EXPECT_EQ(Feed(100).size(), feed_before + 2);

  // A deleted profile connects no more: accept (a reconnect of the same pair) and meeting
  // request are refused.
  AcceptInviteResponse accepted;
  st = Accept(Invite(INVITE_CHANNEL_LINK).link(), dr_a_, "dr-a", &accepted);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  SubmitMeetingRequestRequest meeting;
  meeting.set_field_user_profile_id(mark);
  meeting.set_hcp_profile_id(dr_a_);
  SubmitMeetingRequestResponse meeting_resp;
  st = connections_->SubmitMeetingRequest(Ctx(ROLE_HCP, "dr-a").get(), meeting, &meeting_resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_EQ(Feed(100).size(), feed_before + 2);
}

TEST_F(ProfileRemovalE2e, PRF12_CON09_MergedAwayProfileIsDeactivatedSurvivorKeepsConnections) {
  const std::string mark = FieldUser("mark");
  const std::string dr_b = Hcp("dr-b", "b@clinic.example");
  const std::string b_sarah = ConnectVia(sarah_, "sarah", dr_b, "dr-b");
  const std::string b_mark = ConnectVia(mark, "mark", dr_b, "dr-b");
  const std::string a_sarah = ConnectVia(sarah_, "sarah", dr_a_, "dr-a");
  const size_t feed_before = Feed(100).size();

  prf::MergeProfilesRequest merge;
  merge.set_losing_profile_id(dr_b);
  merge.set_winning_profile_id(dr_a_);
  prf::MergeProfilesResponse merged;
  grpc::Status st = profiles_->MergeProfiles(Ctx(ROLE_ADMIN, "admin").get(), merge, &merged);
  ASSERT_TRUE(st.ok()) << st.error_message();

  EXPECT_EQ(RunJob().deactivated_count(), 2);
  ExpectDeactivated(dr_b, {b_sarah, b_mark}, feed_before);
  auto survivor = ConnectionsOf(dr_a_);
  ASSERT_EQ(survivor.count(a_sarah), 1u);
  EXPECT_EQ(survivor[a_sarah].state(), CONNECTION_STATE_ACTIVE);
  // The survivor still connects.
  EXPECT_FALSE(ConnectVia(mark, "mark", dr_a_, "dr-a").empty());
}

TEST_F(ConnectionE2e, CON05_InviteFromAnUnknownOrgIsNotFoundNamingOrgId) {
  CreateInviteRequest request;
  request.set_inviter_profile_id(sarah_);
  request.set_channel(INVITE_CHANNEL_LINK);
  request.set_org_id("00D00000000000NONE");
  request.set_account_id("001ACCOUNT1");
  CreateInviteResponse response;
  grpc::Status st =
      connections_->CreateInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), request, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  EXPECT_TRUE(absl::StrContains(st.error_message(), "org_id")) << st.error_message();
}

}  // namespace
}  // namespace engage::testing
