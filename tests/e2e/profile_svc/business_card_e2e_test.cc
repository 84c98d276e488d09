// Business cards and edits through the gateway with real tokens (PRF-02..04,
// PRF-11, PRF-13), and bad inputs naming their fields.
#include <gtest/gtest.h>

#include "common/auth/jwt.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/e2e/profile_svc/profile_e2e_fixture.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using namespace engage::profile::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;

class BusinessCardE2e : public ProfileE2e {
 protected:
  void SetUp() override {
    ProfileE2e::SetUp();
    if (HasFatalFailure()) return;
    sarah_ = NewUser("sarah", "Sarah", "Jones").profile_id();
  }
  BusinessCard Get(const std::string& profile_id) {
    GetBusinessCardRequest get;
    get.set_profile_id(profile_id);
    GetBusinessCardResponse card;
    EXPECT_TRUE(
        stub_->GetBusinessCard(Mesh::Context(ROLE_FIELD_USER, tenant_, "sarah").get(), get, &card)
            .ok());
    return card.card();
  }
  grpc::Status Update(auth::Role role, const std::string& subject, UpdateProfileRequest request,
                      UpdateProfileResponse* response) {
    return stub_->UpdateProfile(Mesh::Context(role, tenant_, subject).get(), request, response);
  }
  std::string sarah_;
};

TEST_F(BusinessCardE2e, PRF03_FieldUserEditsOwnPhotoButNotOwnEmail) {
  UpdateProfileRequest photo;
  photo.set_profile_id(sarah_);
  photo.set_etag(Get(sarah_).etag());
  photo.mutable_profile()->set_photo_url("https://img.example/sarah.png?a='1'");
  photo.mutable_update_mask()->add_paths("photo_url");
  UpdateProfileResponse updated;
  grpc::Status st = Update(ROLE_FIELD_USER, "sarah", photo, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(updated.card().photo_url(), "https://img.example/sarah.png?a='1'");
  // PRF-13: the writer's next read shows the write.
  EXPECT_EQ(Get(sarah_).photo_url(), "https://img.example/sarah.png?a='1'");

  UpdateProfileRequest email;
  email.set_profile_id(sarah_);
  email.set_etag(updated.card().etag());
  email.mutable_profile()->set_email("sarah@evil.example");
  email.mutable_update_mask()->add_paths("email");
  st = Update(ROLE_FIELD_USER, "sarah", email, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(Get(sarah_).email(), "sarah@acme.example");

  // Stale etag: the admin's edit based on the first read is refused.
  email.set_etag(photo.etag());
  st = Update(ROLE_ADMIN, "admin", email, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Get(sarah_).email(), "sarah@acme.example");
}

TEST_F(BusinessCardE2e, AnotherTenantsProfileIsNotFoundForReadAndEdit) {
  GetBusinessCardRequest get;
  get.set_profile_id(sarah_);
  GetBusinessCardResponse card;
  EXPECT_EQ(
      stub_->GetBusinessCard(Mesh::Context(ROLE_FIELD_USER, "other", "sarah").get(), get, &card)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
  UpdateProfileRequest photo;
  photo.set_profile_id(sarah_);
  photo.set_etag(Get(sarah_).etag());
  photo.mutable_profile()->set_photo_url("https://img.example/x.png");
  photo.mutable_update_mask()->add_paths("photo_url");
  UpdateProfileResponse updated;
  EXPECT_EQ(stub_->UpdateProfile(Mesh::Context(ROLE_ADMIN, "other", "admin").get(), photo, &updated)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(BusinessCardE2e, BadInputsAreInvalidArgumentNamingTheField) {
  struct Case {
    std::string path;
    std::function<void(UpdateProfileRequest&)> set;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"title", [](auto& r) { r.mutable_profile()->set_title(std::string(201, 'x')); },
       "profile.title"},
      {"phone", [](auto& r) { r.mutable_profile()->set_phone("call me'; --"); }, "profile.phone"},
      {"email", [](auto& r) { r.mutable_profile()->set_email(""); }, "profile.email"},
      {"user_type", [](auto& r) { r.mutable_profile()->set_user_type(static_cast<UserType>(42)); },
       "profile.user_type"},
      {"nonsense", [](auto&) {}, "update_mask"},
  };
  for (const auto& c : cases) {
    UpdateProfileRequest r;
    r.set_profile_id(sarah_);
    r.set_etag(Get(sarah_).etag());
    r.mutable_update_mask()->add_paths(c.path);
    c.set(r);
    UpdateProfileResponse ignored;
    grpc::Status st = Update(ROLE_ADMIN, "admin", r, &ignored);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_NE(st.error_message().find(c.field), std::string::npos) << st.error_message();
  }
  for (int size : {-1, 1000000000}) {
    ListBusinessCardsRequest list;
    list.set_page_size(size);
    ListBusinessCardsResponse ignored;
    grpc::Status st =
        stub_->ListBusinessCards(Mesh::Context(ROLE_ADMIN, tenant_, "admin").get(), list, &ignored);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(st.error_message().find("page_size"), std::string::npos);
  }
  ListBusinessCardsRequest list;
  list.set_page_token("!!not-a-token");
  ListBusinessCardsResponse ignored;
  grpc::Status st =
      stub_->ListBusinessCards(Mesh::Context(ROLE_ADMIN, tenant_, "admin").get(), list, &ignored);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("page_token"), std::string::npos);
}

TEST_F(BusinessCardE2e, PRF11_HcpDeletesOwnProfileAndSqlMetacharactersRoundTrip) {
  // SEC-07: the e-mail is the token's verified claim.
  SignUpHcpRequest sign_up;
  sign_up.set_first_name("Greg");
  sign_up.set_last_name("House");
  SignUpHcpResponse hcp;
  auto house = auth::MintHs256(
      kTestSecret, auth::Identity("house", ROLE_HCP, tenant_, "house@clinic.example", true),
      absl::Now(), absl::Hours(1));
  ASSERT_TRUE(house.ok()) << house.status();
  ASSERT_TRUE(stub_->SignUpHcp(Mesh::Context(*house).get(), sign_up, &hcp).ok());
  UpdateProfileRequest edit;
  edit.set_profile_id(hcp.profile_id());
  edit.set_etag(Get(hcp.profile_id()).etag());
  const std::string nasty = "Robert'); DROP TABLE profiles;-- \\ \" % _";
  edit.mutable_profile()->set_practice(nasty);
  edit.mutable_update_mask()->add_paths("practice");
  UpdateProfileResponse updated;
  grpc::Status st = Update(ROLE_HCP, "house", edit, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(updated.card().practice(), nasty);
  // SEC-03: practice is contact data; Sarah, not connected, sees the public part.
  EXPECT_TRUE(Get(hcp.profile_id()).practice().empty());

  ListBusinessCardsRequest list;
  list.set_page_size(1);
  ListBusinessCardsResponse page;
  ASSERT_TRUE(
      stub_->ListBusinessCards(Mesh::Context(ROLE_ADMIN, tenant_, "admin").get(), list, &page)
          .ok());
  EXPECT_EQ(page.cards_size(), 1);
  list.set_page_token(page.next_page_token());
  ASSERT_TRUE(
      stub_->ListBusinessCards(Mesh::Context(ROLE_ADMIN, tenant_, "admin").get(), list, &page)
          .ok());
  EXPECT_EQ(page.cards_size(), 1);
  EXPECT_TRUE(page.next_page_token().empty());

  DeleteProfileRequest del;
  del.set_profile_id(hcp.profile_id());
  DeleteProfileResponse deleted;
  st = stub_->DeleteProfile(Mesh::Context(ROLE_HCP, tenant_, "house").get(), del, &deleted);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const BusinessCard card = Get(hcp.profile_id());
  EXPECT_EQ(card.display_name(), "Deleted User");
  EXPECT_EQ(card.status(), PROFILE_STATUS_DELETED);
  EXPECT_TRUE(card.practice().empty());
  EXPECT_TRUE(card.email().empty());
}

}  // namespace
}  // namespace engage::testing
