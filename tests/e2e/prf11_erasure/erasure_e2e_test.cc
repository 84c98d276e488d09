// PRF-11 through the gateway: who may delete an HCP profile (the HCP alone,
// PRF-11 and PRF-04: no admin edits HCP-owned data), what every read path
// shows afterwards, and connection_svc's part surviving connection_svc being
// down at deletion time (retried by profile_svc until confirmed).
#include "tests/e2e/prf11_erasure/erasure_fixture.h"

namespace engage::testing {
namespace {

using InviteMsg = engage::connection::v1::Invite;

class ErasureFlow : public ErasureE2e {
 protected:
  // An HCP with every field filled and an accepted e-mail invite from sarah
  // started from its CRM account (connection, account link, sent e-mail).
  std::string ConnectedHcp(const HcpMarkers& m) {
    const std::string hcp = SignUpWithEveryField(m);
    invite_ = EmailInviteTo(m, sarah_, "sarah");
    EXPECT_TRUE(Eventually([&] { return MailsTo(m.email()) >= 1; }));
    AcceptInviteResponse accepted;
    grpc::Status st = Accept(invite_.link(), hcp, m.subject(), &accepted);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return hcp;
  }

  // Every text of `message` (its debug form), for a search of the markers.
  static void ExpectNoDatum(const google::protobuf::Message& message, const HcpMarkers& m,
                            const std::string& where) {
    const std::string text = absl::AsciiStrToLower(message.ShortDebugString());
    for (const auto& datum : m.Data()) {
      EXPECT_FALSE(absl::StrContains(text, absl::AsciiStrToLower(datum)))
          << where << " still shows " << datum << ": " << message.ShortDebugString();
    }
  }

  CreateInviteResponse invite_;
};

TEST_F(ErasureFlow, PRF11_OnlyTheHcpDeletesTheirProfileAndRefusalsChangeNothing) {
  const HcpMarkers m(UniqueName(""));
  const std::string hcp = ConnectedHcp(m);
  const HcpMarkers other_m(UniqueName(""));
  const std::string other = SignUpWithEveryField(other_m);
  ASSERT_FALSE(HasFailure());
  // An admin (PRF-04: admins do not edit HCP-owned data) and a field user,
  // even a connected one: refused by the method's declared roles.
  EXPECT_EQ(Delete(hcp, ROLE_ADMIN, "admin").error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Delete(hcp, ROLE_FIELD_USER, "sarah").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Another HCP does not even learn the profile exists (SEC-03).
  EXPECT_EQ(Delete(hcp, ROLE_HCP, other_m.subject()).error_code(), grpc::StatusCode::NOT_FOUND);
  // Another tenant's admin and HCP: the profile is not theirs to see.
  prf::DeleteProfileRequest request;
  request.set_profile_id(hcp);
  prf::DeleteProfileResponse response;
  const std::string elsewhere = UniqueName("t");
  EXPECT_EQ(
      profiles_
          ->DeleteProfile(Mesh::Context(ROLE_ADMIN, elsewhere, "admin").get(), request, &response)
          .error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(
      profiles_
          ->DeleteProfile(Mesh::Context(ROLE_HCP, elsewhere, m.subject()).get(), request, &response)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  // Nothing changed: the card is whole, nothing is queued for erasure.
  prf::BusinessCard card = Card(hcp, ROLE_ADMIN, "admin");
  EXPECT_EQ(card.status(), prf::PROFILE_STATUS_ACTIVE);
  EXPECT_EQ(card.first_name(), m.first());
  EXPECT_EQ(card.phone(), m.phone());
  EXPECT_EQ(PendingErasures(hcp), 0);
  EXPECT_EQ(Card(other, ROLE_ADMIN, "admin").status(), prf::PROFILE_STATUS_ACTIVE);
  // The HCP themself.
  prf::DeleteProfileResponse deleted;
  grpc::Status st = Delete(hcp, ROLE_HCP, m.subject(), &deleted);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(deleted.card().status(), prf::PROFILE_STATUS_DELETED);
  ExpectNoDatum(deleted.card(), m, "DeleteProfile's answer");
  // A second deletion while the Gatekeeper's 5 s cache still admits the
  // token changes nothing; then SEC-09: the deleted HCP's token acts no more.
  prf::DeleteProfileResponse again;
  st = Delete(hcp, ROLE_HCP, m.subject(), &again);
  if (st.ok()) {
    EXPECT_EQ(again.card().status_time().seconds(), deleted.card().status_time().seconds());
    EXPECT_EQ(again.card().status_time().nanos(), deleted.card().status_time().nanos());
  }
  EXPECT_TRUE(Eventually(
      [&] {
        return Delete(hcp, ROLE_HCP, m.subject()).error_code() ==
               grpc::StatusCode::PERMISSION_DENIED;
      },
      10));
  // The other HCP is untouched.
  EXPECT_EQ(Card(other, ROLE_ADMIN, "admin").first_name(), other_m.first());
}

TEST_F(ErasureFlow, PRF11_NoReadPathShowsTheDeletedHcpsData) {
  const HcpMarkers m(UniqueName(""));
  const std::string hcp = ConnectedHcp(m);
  ASSERT_FALSE(HasFailure());
  ASSERT_TRUE(Delete(hcp, ROLE_HCP, m.subject()).ok());
  ASSERT_TRUE(Eventually([&] { return PendingErasures(hcp) == 0; }));
  RunJob();  // the removal reaches connection_svc (connections deactivated)

  // The card, to the admin and to the field user who was connected.
  for (auto [role, subject] :
       {std::pair{ROLE_ADMIN, "admin"}, std::pair{ROLE_FIELD_USER, "sarah"}}) {
    grpc::Status st;
    prf::BusinessCard card = Card(hcp, role, subject, &st);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(card.status(), prf::PROFILE_STATUS_DELETED);
    EXPECT_EQ(card.display_name(), "Deleted User");
    EXPECT_EQ(card.email(), "");
    EXPECT_EQ(card.phone(), "");
    EXPECT_EQ(card.address(), "");
    EXPECT_EQ(card.photo_url(), "");
    ExpectNoDatum(card, m, "the card");
  }
  // The connections list: the connection stays, deactivated (CON-09).
  ListConnectionsRequest list;
  list.set_profile_id(sarah_);
  ListConnectionsResponse listed;
  grpc::Status st =
      connections_->ListConnections(Ctx(ROLE_FIELD_USER, "sarah").get(), list, &listed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  bool found = false;
  for (const auto& c : listed.connections()) {
    if (c.hcp_profile_id() != hcp) continue;
    found = true;
    EXPECT_EQ(c.state(), CONNECTION_STATE_INACTIVE);
  }
  EXPECT_TRUE(found);
  ExpectNoDatum(listed, m, "ListConnections");
  // The invite, to its inviter and to the admin: no recipient left.
  for (auto [role, subject] :
       {std::pair{ROLE_ADMIN, "admin"}, std::pair{ROLE_FIELD_USER, "sarah"}}) {
    InviteMsg invite = GetInviteAs(invite_.invite().invite_id(), role, subject);
    EXPECT_EQ(invite.recipient_email(), "");
    EXPECT_EQ(invite.email_delivery().state(), EMAIL_DELIVERY_STATE_SENT);
    ExpectNoDatum(invite, m, "GetInvite");
  }
  // The account indicator: the linked profile shows as deleted, nameless.
  prf::GetAccountIndicatorRequest indicator;
  indicator.set_org_id(kSarahOrg);
  indicator.set_account_id(m.account());
  indicator.set_field_user_profile_id(sarah_);
  prf::GetAccountIndicatorResponse shown;
  st = profiles_->GetAccountIndicator(Ctx(ROLE_FIELD_USER, "sarah").get(), indicator, &shown);
  ASSERT_TRUE(st.ok()) << st.error_message();
  for (const auto& p : shown.profiles()) {
    EXPECT_EQ(p.status(), prf::PROFILE_STATUS_DELETED) << p.ShortDebugString();
    EXPECT_NE(p.connection_status(), prf::INDICATOR_CONNECTION_STATUS_CONNECTED)
        << p.ShortDebugString();
  }
  ExpectNoDatum(shown, m, "the account indicator");
  // The card list an admin pages through.
  prf::ListBusinessCardsRequest cards;
  cards.set_page_size(500);
  prf::ListBusinessCardsResponse page;
  st = profiles_->ListBusinessCards(Ctx(ROLE_ADMIN, "admin").get(), cards, &page);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ExpectNoDatum(page, m, "ListBusinessCards");
}

TEST_F(ErasureFlow, PRF11_APendingInviteIsRevokedAndItsQueuedMailNeverSent) {
  const HcpMarkers m(UniqueName(""));
  const std::string hcp = SignUpWithEveryField(m);
  sink_->Stop();
  CreateInviteResponse queued = EmailInviteTo(m, sarah_, "sarah");
  ASSERT_FALSE(HasFailure());
  EXPECT_EQ(queued.invite().email_delivery().state(), EMAIL_DELIVERY_STATE_PENDING);
  ASSERT_TRUE(Delete(hcp, ROLE_HCP, m.subject()).ok());
  ASSERT_TRUE(Eventually([&] { return PendingErasures(hcp) == 0; }));
  InviteMsg invite = GetInviteAs(queued.invite().invite_id(), ROLE_FIELD_USER, "sarah");
  EXPECT_EQ(invite.state(), INVITE_STATE_REVOKED);
  EXPECT_EQ(invite.recipient_email(), "");
  EXPECT_EQ(invite.email_delivery().state(), EMAIL_DELIVERY_STATE_FAILED);
  EXPECT_TRUE(absl::StrContains(invite.email_delivery().last_error(), "PRF-11"))
      << invite.email_delivery().last_error();
  ASSERT_TRUE(sink_->Start());
  std::this_thread::sleep_for(std::chrono::milliseconds(800));  // > 2 retry intervals
  EXPECT_EQ(MailsTo(m.email()), 0u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invite_mails WHERE tenant_id = ? AND (to_address <> '' OR "
                  "to_name <> '' OR subject <> '' OR body <> '')",
                  {tenant_}),
            0);
}

TEST_F(ErasureFlow, PRF11_ConnectionSvcDownAtDeletionErasesOnceItIsBack) {
  const HcpMarkers m(UniqueName(""));
  const std::string hcp = ConnectedHcp(m);
  ASSERT_FALSE(HasFailure());
  mesh_->process("connection").Kill();
  ASSERT_TRUE(Delete(hcp, ROLE_HCP, m.subject()).ok());
  // profile_svc's own part is done; connection_svc's waits, counted.
  EXPECT_EQ(Card(hcp, ROLE_ADMIN, "admin").status(), prf::PROFILE_STATUS_DELETED);
  EXPECT_EQ(PendingErasures(hcp), 1);
  EXPECT_GE(Count("SELECT attempts FROM profile_erasures WHERE tenant_id = ? AND profile_id = ?",
                  {tenant_, hcp}),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invites WHERE tenant_id = ? AND recipient_email <> ''",
                  {tenant_}),
            1);
  mesh_->Restart("connection");
  // The retry pass (every second here, each erasure after its 5 s backoff).
  ASSERT_TRUE(Eventually([&] { return PendingErasures(hcp) == 0; }, 30));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invites WHERE tenant_id = ? AND recipient_email <> ''",
                  {tenant_}),
            0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invite_mails WHERE tenant_id = ? AND to_address <> ''",
                  {tenant_}),
            0);
}

}  // namespace
}  // namespace engage::testing
