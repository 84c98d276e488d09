// profile_svc's handlers in process (its real wiring, stores on the test
// MariaDB, the real Gatekeeper): what a request is checked for and how the
// domain maps to the contract's messages, without ports or processes.
#include <gtest/gtest.h>

#include "common/auth/jwt.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "profile_svc/wiring.h"
#include "tests/support/in_process_service.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using namespace engage::profile::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;

constexpr char kTenant[] = "acme";

class ProfileHandlersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = InProcessService::Start(profile::ProfileServiceBinary());
    ASSERT_TRUE(started.ok()) << started.status();
    service_ = *std::move(started);
    stub_ = ProfileService::NewStub(service_->channel());
    UpsertCompanyRequest company;
    company.set_name("Acme Pharma");
    UpsertCompanyResponse ignored;
    ASSERT_TRUE(stub_->UpsertCompany(Admin().get(), company, &ignored).ok());
    CreateFieldUserRequest user;
    user.set_request_id("r1");
    user.set_subject("sarah");
    user.set_first_name("Sarah");
    user.set_last_name("Jones");
    user.set_email("sarah@acme.example");
    user.set_country("US");
    user.set_user_type(USER_TYPE_FIELD_USER);
    CreateFieldUserResponse created;
    grpc::Status st = stub_->CreateFieldUser(Admin().get(), user, &created);
    ASSERT_TRUE(st.ok()) << st.error_message();
    sarah_ = created.profile_id();
    sarah_user_ = created.user_id();
  }

  static std::unique_ptr<grpc::ClientContext> Admin() {
    return Mesh::Context(ROLE_ADMIN, kTenant, "admin");
  }
  static std::unique_ptr<grpc::ClientContext> Sarah() {
    return Mesh::Context(ROLE_FIELD_USER, kTenant, "sarah");
  }

  BusinessCard Card(const std::string& profile_id) {
    GetBusinessCardRequest get;
    get.set_profile_id(profile_id);
    GetBusinessCardResponse response;
    grpc::Status st = stub_->GetBusinessCard(Admin().get(), get, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response.card();
  }

  std::unique_ptr<InProcessService> service_;
  std::unique_ptr<ProfileService::Stub> stub_;
  std::string sarah_;
  std::string sarah_user_;
};

TEST_F(ProfileHandlersTest, PRF07_CardCarriesTheBrandingAndTheMedicationsOfTheGroupElseTheCompany) {
  UpdateBrandingRequest branding;
  branding.mutable_branding()->set_primary_color("112233");
  branding.mutable_branding()->set_secondary_color("445566");
  branding.mutable_branding()->set_company_name("Acme");
  branding.mutable_branding()->add_default_medications("Cholecap");
  for (const char* path :
       {"primary_color", "secondary_color", "company_name", "default_medications"}) {
    branding.mutable_update_mask()->add_paths(path);
  }
  UpdateBrandingResponse branded;
  grpc::Status st = stub_->UpdateBranding(Admin().get(), branding, &branded);
  ASSERT_TRUE(st.ok()) << st.error_message();

  BusinessCard card = Card(sarah_);
  EXPECT_EQ(card.kind(), PROFILE_KIND_STAFF);
  EXPECT_EQ(card.display_name(), "Sarah Jones");
  EXPECT_EQ(card.company_name(), "Acme");
  EXPECT_EQ(card.primary_color(), "112233");
  EXPECT_EQ(card.secondary_color(), "445566");
  ASSERT_EQ(card.medications_size(), 1);
  EXPECT_EQ(card.medications(0), "Cholecap");
  EXPECT_EQ(card.status(), PROFILE_STATUS_ACTIVE);
  EXPECT_FALSE(card.etag().empty());

  CreateGroupRequest group;
  group.set_request_id("g1");
  group.mutable_group()->set_name("West");
  group.mutable_group()->add_medications("Restolar");
  group.mutable_group()->add_medications("Zypex");
  group.set_override_medications(true);
  CreateGroupResponse created;
  st = stub_->CreateGroup(Admin().get(), group, &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  AddGroupMemberRequest member;
  member.set_group_id(created.group().group_id());
  member.set_user_id(sarah_user_);
  AddGroupMemberResponse added;
  st = stub_->AddGroupMember(Admin().get(), member, &added);
  ASSERT_TRUE(st.ok()) << st.error_message();

  card = Card(sarah_);
  ASSERT_EQ(card.medications_size(), 2);
  EXPECT_EQ(card.medications(0), "Restolar");
  EXPECT_EQ(card.medications(1), "Zypex");
  EXPECT_EQ(card.company_name(), "Acme");
}

TEST_F(ProfileHandlersTest, PRF03_UpdateProfileRefusesABadValueNamingTheFieldAndChangesNothing) {
  const BusinessCard before = Card(sarah_);
  UpdateProfileRequest edit;
  edit.set_profile_id(sarah_);
  edit.set_etag(before.etag());
  edit.mutable_profile()->set_title(std::string(201, 'x'));
  edit.mutable_update_mask()->add_paths("title");
  UpdateProfileResponse updated;
  grpc::Status st = stub_->UpdateProfile(Admin().get(), edit, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("profile.title"), std::string::npos) << st.error_message();

  UpdateProfileRequest unknown;
  unknown.set_profile_id(sarah_);
  unknown.set_etag(before.etag());
  unknown.mutable_update_mask()->add_paths("salary");
  st = stub_->UpdateProfile(Admin().get(), unknown, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("update_mask"), std::string::npos) << st.error_message();

  const BusinessCard after = Card(sarah_);
  EXPECT_EQ(after.etag(), before.etag());
  EXPECT_EQ(after.title(), before.title());
}

TEST_F(ProfileHandlersTest, PRF03_FieldUserChangingTheirOwnEmailIsPermissionDeniedNamingTheRule) {
  const BusinessCard before = Card(sarah_);
  UpdateProfileRequest edit;
  edit.set_profile_id(sarah_);
  edit.set_etag(before.etag());
  edit.mutable_profile()->set_email("sarah@evil.example");
  edit.mutable_update_mask()->add_paths("email");
  UpdateProfileResponse updated;
  grpc::Status st = stub_->UpdateProfile(Sarah().get(), edit, &updated);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(st.error_message().find("profile.email"), std::string::npos) << st.error_message();
  EXPECT_EQ(ReasonOf(FromGrpcStatus(st)), "PRF-03");
  EXPECT_EQ(Card(sarah_).email(), "sarah@acme.example");

  // The same change by an admin goes through and maps the new card back.
  st = stub_->UpdateProfile(Admin().get(), edit, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(updated.card().email(), "sarah@evil.example");
  EXPECT_NE(updated.card().etag(), before.etag());
}

TEST_F(ProfileHandlersTest, PRF11_DeletedHcpCardMapsToDeletedUserWithItsStatusTime) {
  auto token = auth::MintHs256(
      kTestSecret, auth::Identity("house", ROLE_HCP, kTenant, "house@example.com", true),
      absl::Now(), absl::Hours(1));
  ASSERT_TRUE(token.ok()) << token.status();
  SignUpHcpRequest sign_up;
  sign_up.set_first_name("Gregory");
  sign_up.set_last_name("House");
  SignUpHcpResponse signed_up;
  grpc::Status st = stub_->SignUpHcp(Mesh::Context(*token).get(), sign_up, &signed_up);
  ASSERT_TRUE(st.ok()) << st.error_message();
  BusinessCard card = Card(signed_up.profile_id());
  EXPECT_EQ(card.kind(), PROFILE_KIND_HCP);
  EXPECT_EQ(card.display_name(), "Gregory House");
  EXPECT_EQ(card.email(), "house@example.com");
  EXPECT_FALSE(card.has_status_time());

  DeleteProfileRequest remove;
  remove.set_profile_id(signed_up.profile_id());
  DeleteProfileResponse removed;
  st = stub_->DeleteProfile(Mesh::Context(*token).get(), remove, &removed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  card = Card(signed_up.profile_id());
  EXPECT_EQ(card.display_name(), "Deleted User");
  EXPECT_EQ(card.status(), PROFILE_STATUS_DELETED);
  EXPECT_TRUE(card.has_status_time());
  EXPECT_EQ(card.first_name(), "");
  EXPECT_EQ(card.email(), "");
}

}  // namespace
}  // namespace engage::testing
