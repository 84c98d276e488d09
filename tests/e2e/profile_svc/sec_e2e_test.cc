// SEC-03, SEC-04, SEC-07 and SEC-12 through the gateway with real tokens:
// who sees which card fields, who reaches category answers, where an HCP's
// e-mail comes from, and the audit trail of contact reads.
#include <gtest/gtest.h>

#include "common/auth/jwt.h"
#include "engage/connection/v1/connection.grpc.pb.h"
#include "engage/profile/v1/audit.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using namespace engage::profile::v1;
namespace cv1 = engage::connection::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;
using engage::common::v1::ROLE_SERVICE;

class SecE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { mesh_ = new Mesh(); }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }

  void SetUp() override {
    tenant_ = UniqueName("t");
    profiles_ = ProfileService::NewStub(mesh_->Channel());
    connections_ = cv1::ConnectionService::NewStub(mesh_->Channel());
    audit_ = AuditService::NewStub(mesh_->Channel());
    UpsertCompanyRequest company;
    company.set_name("Acme");
    UpsertCompanyResponse ignored;
    ASSERT_TRUE(profiles_->UpsertCompany(Ctx(ROLE_ADMIN, "admin").get(), company, &ignored).ok());
    sarah_ = FieldUser("sarah");
    mark_ = FieldUser("mark");
    house_ = Hcp("house", "house@clinic.example");
    wilson_ = Hcp("wilson", "wilson@clinic.example");
    // House fills in his contact details.
    UpdateProfileRequest edit;
    edit.set_profile_id(house_);
    edit.set_etag(Card(ROLE_HCP, "house", house_).etag());
    edit.mutable_profile()->set_phone("+1 555 0100");
    edit.mutable_profile()->set_address("Princeton-Plainsboro");
    edit.mutable_profile()->set_practice("Diagnostics");
    edit.mutable_profile()->set_degree("MD");
    edit.mutable_profile()->set_title("Head of Diagnostics");
    for (const char* path : {"phone", "address", "practice", "degree", "title"}) {
      edit.mutable_update_mask()->add_paths(path);
    }
    UpdateProfileResponse updated;
    grpc::Status st = profiles_->UpdateProfile(Ctx(ROLE_HCP, "house").get(), edit, &updated);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  std::unique_ptr<grpc::ClientContext> Ctx(auth::Role role, const std::string& subject) {
    return Mesh::Context(role, tenant_, subject);
  }
  // A token whose e-mail claim is `email`, verified or not (SEC-07).
  std::unique_ptr<grpc::ClientContext> EmailCtx(const std::string& subject,
                                                const std::string& email, bool verified) {
    auto token =
        auth::MintHs256(kTestSecret, auth::Identity(subject, ROLE_HCP, tenant_, email, verified),
                        absl::Now(), absl::Hours(1));
    EXPECT_TRUE(token.ok()) << token.status();
    return Mesh::Context(token.ok() ? *token : "");
  }

  std::string FieldUser(const std::string& subject) {
    CreateFieldUserRequest user;
    user.set_request_id(subject);
    user.set_subject(subject);
    user.set_first_name("Sarah");
    user.set_last_name(subject);
    user.set_email(subject + "@acme.example");
    user.set_country("US");
    user.set_user_type(USER_TYPE_FIELD_USER);
    CreateFieldUserResponse created;
    grpc::Status st = profiles_->CreateFieldUser(Ctx(ROLE_ADMIN, "admin").get(), user, &created);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return created.profile_id();
  }

  std::string Hcp(const std::string& subject, const std::string& email) {
    SignUpHcpRequest sign_up;
    sign_up.set_first_name("Dr");
    sign_up.set_last_name(subject);
    SignUpHcpResponse signed_up;
    grpc::Status st =
        profiles_->SignUpHcp(EmailCtx(subject, email, true).get(), sign_up, &signed_up);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return signed_up.profile_id();
  }

  grpc::Status Get(auth::Role role, const std::string& subject, const std::string& id,
                   BusinessCard* card) {
    GetBusinessCardRequest get;
    get.set_profile_id(id);
    GetBusinessCardResponse response;
    grpc::Status st = profiles_->GetBusinessCard(Ctx(role, subject).get(), get, &response);
    *card = response.card();
    return st;
  }
  BusinessCard Card(auth::Role role, const std::string& subject, const std::string& id) {
    BusinessCard card;
    grpc::Status st = Get(role, subject, id, &card);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return card;
  }

  // Connects `field_user` (subject) with House through a LINK invite House accepts.
  std::string ConnectToHouse(const std::string& subject, const std::string& profile_id) {
    cv1::CreateInviteRequest invite;
    invite.set_inviter_profile_id(profile_id);
    invite.set_channel(cv1::INVITE_CHANNEL_LINK);
    cv1::CreateInviteResponse created;
    grpc::Status st =
        connections_->CreateInvite(Ctx(ROLE_FIELD_USER, subject).get(), invite, &created);
    EXPECT_TRUE(st.ok()) << st.error_message();
    cv1::AcceptInviteRequest accept;
    accept.set_token(created.link().substr(created.link().rfind('/') + 1));
    accept.set_hcp_profile_id(house_);
    cv1::AcceptInviteResponse accepted;
    st = connections_->AcceptInvite(EmailCtx("house", "house@clinic.example", true).get(), accept,
                                    &accepted);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return accepted.connection().connection_id();
  }

  std::vector<AuditEvent> Audit(const std::string& object_id) {
    std::vector<AuditEvent> all;
    ListAuditEventsRequest request;
    request.set_object_id(object_id);
    request.set_page_size(2);
    for (;;) {
      ListAuditEventsResponse page;
      grpc::Status st = audit_->ListAuditEvents(Ctx(ROLE_ADMIN, "admin").get(), request, &page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      all.insert(all.end(), page.events().begin(), page.events().end());
      if (page.next_page_token().empty()) break;
      request.set_page_token(page.next_page_token());
    }
    return all;
  }

  // The audit trail is written every 200 ms: wait for `n` events of `object_id`.
  std::vector<AuditEvent> AwaitAudit(const std::string& object_id, size_t n) {
    std::vector<AuditEvent> events;
    for (int i = 0; i < 50; ++i) {
      events = Audit(object_id);
      if (events.size() >= n) break;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return events;
  }

  static Mesh* mesh_;
  std::string tenant_;
  std::string sarah_, mark_, house_, wilson_;
  std::unique_ptr<ProfileService::Stub> profiles_;
  std::unique_ptr<cv1::ConnectionService::Stub> connections_;
  std::unique_ptr<AuditService::Stub> audit_;
};
Mesh* SecE2e::mesh_ = nullptr;

void ExpectPublicOnly(const BusinessCard& card) {
  EXPECT_EQ(card.last_name(), "house");
  EXPECT_EQ(card.degree(), "MD");
  EXPECT_EQ(card.title(), "Head of Diagnostics");
  EXPECT_TRUE(card.email().empty()) << card.email();
  EXPECT_TRUE(card.phone().empty()) << card.phone();
  EXPECT_TRUE(card.address().empty()) << card.address();
  EXPECT_TRUE(card.practice().empty()) << card.practice();
}

void ExpectFull(const BusinessCard& card) {
  EXPECT_EQ(card.email(), "house@clinic.example");
  EXPECT_EQ(card.phone(), "+1 555 0100");
  EXPECT_EQ(card.address(), "Princeton-Plainsboro");
  EXPECT_EQ(card.practice(), "Diagnostics");
}

TEST_F(SecE2e, SEC03_HcpCardInFullToTheHcpAndAdmins) {
  ExpectFull(Card(ROLE_HCP, "house", house_));
  ExpectFull(Card(ROLE_ADMIN, "admin", house_));
}

TEST_F(SecE2e, SEC03_UnconnectedFieldUserSeesOnlyThePublicPart) {
  ExpectPublicOnly(Card(ROLE_FIELD_USER, "sarah", house_));
}

TEST_F(SecE2e, SEC03_ConnectedFieldUserSeesTheCardInFullUntilDisconnected) {
  const std::string connection = ConnectToHouse("sarah", sarah_);
  ExpectFull(Card(ROLE_FIELD_USER, "sarah", house_));
  // Mark is not connected: still the public part only.
  ExpectPublicOnly(Card(ROLE_FIELD_USER, "mark", house_));
  cv1::DisconnectRequest disconnect;
  disconnect.set_connection_id(connection);
  cv1::DisconnectResponse done;
  grpc::Status st = connections_->Disconnect(Ctx(ROLE_HCP, "house").get(), disconnect, &done);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ExpectPublicOnly(Card(ROLE_FIELD_USER, "sarah", house_));
}

TEST_F(SecE2e, SEC03_AnotherHcpGetsNotFoundForAnHcpCardLikeAMissingOne) {
  BusinessCard card;
  grpc::Status hidden = Get(ROLE_HCP, "wilson", house_, &card);
  EXPECT_EQ(hidden.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(hidden.error_message().find("SEC-03"), std::string::npos) << hidden.error_message();
  EXPECT_TRUE(card.email().empty());
  // A profile id that exists nowhere reads the same (only the id differs).
  const std::string missing = "01ZZZZZZZZZZZZZZZZZZZZZZZZ";
  grpc::Status absent = Get(ROLE_HCP, "wilson", missing, &card);
  EXPECT_EQ(absent.error_code(), grpc::StatusCode::NOT_FOUND);
  std::string a = hidden.error_message(), b = absent.error_message();
  a.replace(a.find(house_), house_.size(), "ID");
  b.replace(b.find(missing), missing.size(), "ID");
  EXPECT_EQ(a, b);
  // Staff cards stay visible to HCPs.
  EXPECT_EQ(Card(ROLE_HCP, "wilson", sarah_).email(), "sarah@acme.example");
}

TEST_F(SecE2e, SEC03_AnotherHcpCannotEditOrDeleteAnHcpProfileAndLearnsNothing) {
  UpdateProfileRequest edit;
  edit.set_profile_id(house_);
  edit.set_etag(Card(ROLE_HCP, "house", house_).etag());
  edit.mutable_profile()->set_phone("+1 555 6666");
  edit.mutable_update_mask()->add_paths("phone");
  UpdateProfileResponse updated;
  grpc::Status st = profiles_->UpdateProfile(Ctx(ROLE_HCP, "wilson").get(), edit, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  DeleteProfileRequest del;
  del.set_profile_id(house_);
  DeleteProfileResponse deleted;
  st = profiles_->DeleteProfile(Ctx(ROLE_HCP, "wilson").get(), del, &deleted);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  const BusinessCard card = Card(ROLE_HCP, "house", house_);
  EXPECT_EQ(card.phone(), "+1 555 0100");
  EXPECT_EQ(card.status(), PROFILE_STATUS_ACTIVE);
}

TEST_F(SecE2e, SEC03_ListsApplyTheSameRulesAndHcpsListStaffCardsOnly) {
  ConnectToHouse("sarah", sarah_);
  auto list = [&](auth::Role role, const std::string& subject) {
    std::map<std::string, BusinessCard> cards;
    ListBusinessCardsRequest request;
    request.set_page_size(1);
    for (;;) {
      ListBusinessCardsResponse page;
      grpc::Status st = profiles_->ListBusinessCards(Ctx(role, subject).get(), request, &page);
      EXPECT_TRUE(st.ok()) << st.error_message();
      if (!st.ok()) break;
      for (const auto& c : page.cards()) cards[c.profile_id()] = c;
      if (page.next_page_token().empty()) break;
      request.set_page_token(page.next_page_token());
    }
    return cards;
  };
  auto as_wilson = list(ROLE_HCP, "wilson");
  EXPECT_EQ(as_wilson.size(), 2u);
  EXPECT_EQ(as_wilson.count(sarah_), 1u);
  EXPECT_EQ(as_wilson.count(mark_), 1u);
  EXPECT_EQ(as_wilson.count(house_), 0u);
  EXPECT_EQ(as_wilson.count(wilson_), 0u);  // staff cards only, even their own
  auto as_sarah = list(ROLE_FIELD_USER, "sarah");
  ASSERT_EQ(as_sarah.size(), 4u);
  ExpectFull(as_sarah[house_]);
  EXPECT_TRUE(as_sarah[wilson_].email().empty());
  auto as_mark = list(ROLE_FIELD_USER, "mark");
  ASSERT_EQ(as_mark.size(), 4u);
  ExpectPublicOnly(as_mark[house_]);
  auto as_admin = list(ROLE_ADMIN, "admin");
  ASSERT_EQ(as_admin.size(), 4u);
  ExpectFull(as_admin[house_]);
}

TEST_F(SecE2e, SEC03_WithoutConnectionSvcFieldUsersGetThePublicPart) {
  ConnectToHouse("sarah", sarah_);
  ExpectFull(Card(ROLE_FIELD_USER, "sarah", house_));
  mesh_->process("connection").Kill();
  ExpectPublicOnly(Card(ROLE_FIELD_USER, "sarah", house_));
  mesh_->Restart("connection");
  ExpectFull(Card(ROLE_FIELD_USER, "sarah", house_));
}

TEST_F(SecE2e, SEC04_OnlyTheHcpAndAdminsReadAndWriteAnswers) {
  CreateProfileCategoryRequest category;
  category.mutable_category()->set_code("SPECIALTY");
  category.mutable_category()->set_description("Specialty");
  CreateProfileCategoryResponse made;
  ASSERT_TRUE(
      profiles_->CreateProfileCategory(Ctx(ROLE_ADMIN, "admin").get(), category, &made).ok());
  for (const char* code : {"CARDIO", "ONCO"}) {
    CreateCategoryResponseRequest response;
    response.set_category_code("SPECIALTY");
    response.mutable_response()->set_code(code);
    response.mutable_response()->set_description(code);
    CreateCategoryResponseResponse done;
    ASSERT_TRUE(
        profiles_->CreateCategoryResponse(Ctx(ROLE_ADMIN, "admin").get(), response, &done).ok());
  }
  auto save = [&](auth::Role role, const std::string& subject, const std::string& code) {
    SaveProfileAnswersRequest request;
    request.set_profile_id(house_);
    auto* answer = request.add_answers();
    answer->set_category_code("SPECIALTY");
    answer->set_response_code(code);
    SaveProfileAnswersResponse response;
    return profiles_->SaveProfileAnswers(Ctx(role, subject).get(), request, &response);
  };
  auto get = [&](auth::Role role, const std::string& subject, GetProfileAnswersResponse* out) {
    GetProfileAnswersRequest request;
    request.set_profile_id(house_);
    return profiles_->GetProfileAnswers(Ctx(role, subject).get(), request, out);
  };
  ASSERT_TRUE(save(ROLE_HCP, "house", "CARDIO").ok());
  GetProfileAnswersResponse answers;
  ASSERT_TRUE(get(ROLE_ADMIN, "admin", &answers).ok());
  ASSERT_EQ(answers.fields_size(), 1);
  EXPECT_EQ(answers.fields(0).selected_response_code(), "CARDIO");
  ASSERT_TRUE(save(ROLE_ADMIN, "admin", "ONCO").ok());

  // Another HCP: NOT_FOUND, both ways.
  grpc::Status st = get(ROLE_HCP, "wilson", &answers);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(st.error_message().find("SEC-04"), std::string::npos) << st.error_message();
  st = save(ROLE_HCP, "wilson", "CARDIO");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  // A field user, even a connected one: PERMISSION_DENIED, both ways.
  ConnectToHouse("sarah", sarah_);
  EXPECT_EQ(get(ROLE_FIELD_USER, "sarah", &answers).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(save(ROLE_FIELD_USER, "sarah", "CARDIO").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Nothing changed.
  ASSERT_TRUE(get(ROLE_HCP, "house", &answers).ok());
  EXPECT_EQ(answers.fields(0).selected_response_code(), "ONCO");
  // The outbox of answers is for admins only.
  ListProfileDataEventsRequest events;
  ListProfileDataEventsResponse listed;
  EXPECT_EQ(profiles_->ListProfileDataEvents(Ctx(ROLE_INTEGRATION, "crm").get(), events, &listed)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_TRUE(
      profiles_->ListProfileDataEvents(Ctx(ROLE_ADMIN, "admin").get(), events, &listed).ok());
}

TEST_F(SecE2e, SEC07_SignUpTakesTheVerifiedEmailOfTheTokenNeverTheRequest) {
  SignUpHcpRequest sign_up;
  sign_up.set_email("victim@clinic.example");  // ignored
  sign_up.set_first_name("Eve");
  sign_up.set_last_name("Mallory");
  SignUpHcpResponse signed_up;
  grpc::Status st =
      profiles_->SignUpHcp(EmailCtx("eve", "eve@clinic.example", true).get(), sign_up, &signed_up);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(Card(ROLE_HCP, "eve", signed_up.profile_id()).email(), "eve@clinic.example");
  // The sign-up feed connection_svc matches interactions against holds the verified one.
  auto internal = ProfileInternalService::NewStub(mesh_->Channel("profile"));
  ListSignUpsRequest feed;
  feed.set_tenant_id(tenant_);
  ListSignUpsResponse sign_ups;
  st = internal->ListSignUps(Mesh::Context(ROLE_SERVICE, "*", "connection").get(), feed, &sign_ups);
  ASSERT_TRUE(st.ok()) << st.error_message();
  bool seen = false;
  for (const auto& s : sign_ups.sign_ups()) {
    EXPECT_NE(s.email(), "victim@clinic.example");
    if (s.profile_id() == signed_up.profile_id()) seen = s.email() == "eve@clinic.example";
  }
  EXPECT_TRUE(seen);
}

TEST_F(SecE2e, SEC07_UnverifiedOrMissingEmailCannotSignUpAndNothingIsCreated) {
  SignUpHcpRequest sign_up;
  sign_up.set_email("victim@clinic.example");
  sign_up.set_first_name("Eve");
  sign_up.set_last_name("Mallory");
  SignUpHcpResponse signed_up;
  grpc::Status unverified = profiles_->SignUpHcp(
      EmailCtx("eve", "victim@clinic.example", false).get(), sign_up, &signed_up);
  EXPECT_EQ(unverified.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(unverified.error_message().find("SEC-07"), std::string::npos);
  grpc::Status missing = profiles_->SignUpHcp(Ctx(ROLE_HCP, "eve").get(), sign_up, &signed_up);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(missing.error_message().find("SEC-07"), std::string::npos);
  // No profile was made for eve: her first verified sign-up creates it.
  grpc::Status st =
      profiles_->SignUpHcp(EmailCtx("eve", "eve@clinic.example", true).get(), sign_up, &signed_up);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(signed_up.created());
}

TEST_F(SecE2e, SEC12_ContactReadsAreAuditedAndListedNewestFirstForAdminsOnly) {
  ConnectToHouse("sarah", sarah_);
  Card(ROLE_FIELD_USER, "sarah", house_);  // full: audited
  Card(ROLE_FIELD_USER, "mark", house_);   // public part: not audited
  Card(ROLE_HCP, "house", house_);         // their own: not audited
  Card(ROLE_ADMIN, "admin", house_);       // full: audited
  Card(ROLE_FIELD_USER, "mark", sarah_);   // staff card: not audited
  auto events = AwaitAudit(house_, 2);
  std::vector<AuditEvent> reads;
  for (const auto& e : events) {
    if (e.action() == "READ_CONTACT") reads.push_back(e);
  }
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].actor_subject(), "admin");  // newest first
  EXPECT_EQ(reads[0].actor_role(), ROLE_ADMIN);
  EXPECT_EQ(reads[1].actor_subject(), "sarah");
  EXPECT_EQ(reads[1].actor_role(), ROLE_FIELD_USER);
  for (const auto& e : reads) {
    EXPECT_EQ(e.object_type(), "PROFILE");
    EXPECT_EQ(e.object_id(), house_);
    EXPECT_EQ(e.method(), "/engage.profile.v1.ProfileService/GetBusinessCard");
    EXPECT_GT(e.event_time().seconds(), 0);
  }
  for (const auto& e : Audit(sarah_)) EXPECT_NE(e.action(), "READ_CONTACT");

  // Admins only, own tenant only.
  ListAuditEventsRequest request;
  ListAuditEventsResponse response;
  for (auth::Role role : {ROLE_FIELD_USER, ROLE_HCP, ROLE_INTEGRATION}) {
    EXPECT_EQ(audit_->ListAuditEvents(Ctx(role, "x").get(), request, &response).error_code(),
              grpc::StatusCode::PERMISSION_DENIED);
  }
  ASSERT_TRUE(audit_
                  ->ListAuditEvents(Mesh::Context(ROLE_ADMIN, UniqueName("other"), "admin").get(),
                                    request, &response)
                  .ok());
  EXPECT_EQ(response.events_size(), 0);
  request.set_object_id("not an id");
  EXPECT_EQ(
      audit_->ListAuditEvents(Ctx(ROLE_ADMIN, "admin").get(), request, &response).error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace engage::testing
