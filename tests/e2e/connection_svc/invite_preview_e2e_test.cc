// CON-12 end to end, through the real gateway binary: PreviewInvite shows
// the inviter's public card, the branding and the state, nothing else; a
// wrong token and a malformed one get the same answer; it is rate limited
// per caller and changes nothing.
#include "common/status/errors.h"
#include "engage/common/v1/common.pb.h"
#include "tests/e2e/connection_svc/connection_e2e_fixture.h"

namespace engage::testing {
namespace {

constexpr int kPreviewBurst = 8;

class InvitePreviewE2e : public ConnectionE2e {
 protected:
  static void SetUpTestSuite() {
    Mesh::Options options;
    options.env["gateway"] = {{"ENGAGE_RATE_LIMIT_PER_SECOND", "100000"},
                              {"ENGAGE_RATE_LIMIT_BURST", "100000"}};
    options.env["connection"] = {{"ENGAGE_POST_PROCESSING_INTERVAL_SECONDS", "86400"},
                                 {"ENGAGE_CALLER_STATE_TTL_MILLIS", "0"},
                                 {"ENGAGE_INVITE_PREVIEW_PER_MINUTE", "1"},
                                 {"ENGAGE_INVITE_PREVIEW_BURST", std::to_string(kPreviewBurst)}};
    mesh_ = new Mesh(options);
  }

  grpc::Status Preview(const std::string& token, const std::string& subject,
                       PreviewInviteResponse* response) {
    PreviewInviteRequest request;
    request.set_token(token);
    return connections_->PreviewInvite(Ctx(ROLE_HCP, subject).get(), request, response);
  }
};

TEST_F(InvitePreviewE2e, CON12_RightTokenShowsThePublicCardAndNothingElse) {
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  PreviewInviteResponse preview;
  grpc::Status st = Preview(TokenOf(invite.link()), "dr-a", &preview);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(preview.state(), INVITE_STATE_PENDING);
  EXPECT_EQ(preview.inviter().first_name(), "Sarah");
  EXPECT_EQ(preview.inviter().last_name(), "Jones");
  EXPECT_EQ(preview.branding().company_name(), "Acme");
  EXPECT_EQ(preview.expire_time().seconds(), invite.invite().expire_time().seconds());
  // Nothing else: no e-mail (the card has sarah@acme.example), no invite id,
  // no profile id, whatever the answer's shape.
  const std::string wire = preview.SerializeAsString();
  for (const std::string& secret :
       {std::string("sarah@acme.example"), invite.invite().invite_id(), sarah_, dr_a_}) {
    EXPECT_EQ(wire.find(secret), std::string::npos) << secret;
  }
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  preview.GetReflection()->ListFields(preview, &fields);
  for (const auto* f : fields) {
    EXPECT_TRUE(f->name() == "state" || f->name() == "inviter" || f->name() == "branding" ||
                f->name() == "medications" || f->name() == "expire_time")
        << f->name();
  }
}

TEST_F(InvitePreviewE2e, CON12_WrongMalformedAndForeignTokensGiveTheSameNotFound) {
  const auto invite = Invite(INVITE_CHANNEL_LINK);
  std::string wrong = TokenOf(invite.link());
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  PreviewInviteResponse preview;
  const grpc::Status first = Preview(wrong, "dr-a", &preview);
  EXPECT_EQ(first.error_code(), grpc::StatusCode::NOT_FOUND);
  for (const std::string& token : {std::string("abc"), std::string("<script>"),
                                   std::string(300, 'x'), TokenOf(invite.link()) + "="}) {
    const grpc::Status st = Preview(token, "dr-a", &preview);
    EXPECT_EQ(st.error_code(), first.error_code()) << token;
    EXPECT_EQ(st.error_message(), first.error_message()) << token;
  }
  // Another tenant's HCP holding the right token: the same answer.
  const std::string own_tenant = tenant_;
  tenant_ = UniqueName("other");
  const grpc::Status foreign = Preview(TokenOf(invite.link()), "dr-x", &preview);
  tenant_ = own_tenant;
  EXPECT_EQ(foreign.error_code(), first.error_code());
  EXPECT_EQ(foreign.error_message(), first.error_message());
}

TEST_F(InvitePreviewE2e, CON12_SEC08_EmailInviteIsNotFoundToAnotherHcp) {
  const auto invite = Invite(INVITE_CHANNEL_APPROVED_EMAIL);
  Hcp("dr-b", "other@clinic.example");
  PreviewInviteResponse preview;
  EXPECT_TRUE(Preview(TokenOf(invite.link()), "dr-a", &preview).ok());
  const grpc::Status other = Preview(TokenOf(invite.link()), "dr-b", &preview);
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(other.error_message(), "token: no invite has this token");
}

TEST_F(InvitePreviewE2e, CON12_UsedDeclinedRevokedAndExpiredInvitesSaySo) {
  PreviewInviteResponse preview;
  const auto used = Invite(INVITE_CHANNEL_QR_CODE);
  AcceptInviteResponse accepted;
  ASSERT_TRUE(Accept(used.link(), dr_a_, "dr-a", &accepted).ok());
  ASSERT_TRUE(Preview(TokenOf(used.link()), "dr-a", &preview).ok());
  EXPECT_EQ(preview.state(), INVITE_STATE_ACCEPTED);

  const auto declined = Invite(INVITE_CHANNEL_LINK);
  DeclineInviteRequest decline;
  decline.set_token(TokenOf(declined.link()));
  DeclineInviteResponse declined_resp;
  ASSERT_TRUE(
      connections_->DeclineInvite(Ctx(ROLE_HCP, "dr-a").get(), decline, &declined_resp).ok());
  ASSERT_TRUE(Preview(TokenOf(declined.link()), "dr-a", &preview).ok());
  EXPECT_EQ(preview.state(), INVITE_STATE_DECLINED);

  const auto revoked = Invite(INVITE_CHANNEL_LINK);
  RevokeInviteRequest revoke;
  revoke.set_invite_id(revoked.invite().invite_id());
  RevokeInviteResponse revoked_resp;
  ASSERT_TRUE(
      connections_->RevokeInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), revoke, &revoked_resp).ok());
  ASSERT_TRUE(Preview(TokenOf(revoked.link()), "dr-a", &preview).ok());
  EXPECT_EQ(preview.state(), INVITE_STATE_REVOKED);

  const auto expired = Invite(INVITE_CHANNEL_QR_CODE);
  Expire(expired.invite().invite_id());
  ASSERT_TRUE(Preview(TokenOf(expired.link()), "dr-a", &preview).ok());
  EXPECT_EQ(preview.state(), INVITE_STATE_EXPIRED);
  EXPECT_EQ(preview.inviter().last_name(), "Jones");
}

TEST_F(InvitePreviewE2e, CON12_SEC09_DeactivatedInvitersInviteReadsRevokedWithoutCard) {
  const auto invite = Invite(INVITE_CHANNEL_LINK);
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
  PreviewInviteResponse preview;
  st = Preview(TokenOf(invite.link()), "dr-a", &preview);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(preview.state(), INVITE_STATE_REVOKED);
  EXPECT_FALSE(preview.has_inviter());
  // The preview wrote nothing: accepting is what revokes it (SEC-09), audited there.
  AcceptInviteResponse accepted;
  st = Accept(invite.link(), dr_a_, "dr-a", &accepted);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_TRUE(Feed(50).empty());
}

TEST_F(InvitePreviewE2e, CON12_PreviewChangesNothing) {
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  PreviewInviteResponse preview;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Preview(TokenOf(invite.link()), "dr-a", &preview).ok());
  EXPECT_TRUE(Feed(50).empty());
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_NOT_CONNECTED);
  // Still open: the HCP accepts it after looking.
  AcceptInviteResponse accepted;
  grpc::Status st = Accept(invite.link(), dr_a_, "dr-a", &accepted);
  EXPECT_TRUE(st.ok()) << st.error_message();
}

TEST_F(InvitePreviewE2e, CON12_RateLimitedPerCallerWithRetryInfo) {
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  PreviewInviteResponse preview;
  for (int i = 0; i < kPreviewBurst; ++i) {
    ASSERT_TRUE(Preview(TokenOf(invite.link()), "dr-a", &preview).ok()) << i;
  }
  grpc::Status st = Preview(TokenOf(invite.link()), "dr-a", &preview);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << st.error_message();
  EXPECT_NE(st.error_message().find("CON-12"), std::string::npos) << st.error_message();
  engage::common::v1::RpcStatus details;
  ASSERT_TRUE(details.ParseFromString(st.error_details()));
  bool retry = false;
  for (const auto& any : details.details()) retry = retry || any.type_url() == kRetryInfoTypeUrl;
  EXPECT_TRUE(retry);
  // Guessing with wrong tokens spends the same budget: still refused.
  EXPECT_EQ(Preview("wrong-token", "dr-a", &preview).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  // Another caller has a budget of their own.
  Hcp("dr-b", "b@clinic.example");
  EXPECT_TRUE(Preview(TokenOf(invite.link()), "dr-b", &preview).ok());
}

}  // namespace
}  // namespace engage::testing
