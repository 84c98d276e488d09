// profile_svc's internal calls over gRPC, as connection_svc and promomats_svc
// make them: sign-up feed (CON-07), account links (PRF-09), orgs.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/auth/jwt.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using namespace engage::profile::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_SERVICE;

class InternalCallsE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { mesh_ = new Mesh(); }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }
  static void Company(const std::string& tenant) {
    UpsertCompanyRequest company;
    company.set_name("Acme");
    UpsertCompanyResponse company_resp;
    ASSERT_TRUE(ProfileService::NewStub(mesh_->Channel())
                    ->UpsertCompany(Mesh::Context(ROLE_ADMIN, tenant, "admin").get(), company,
                                    &company_resp)
                    .ok());
  }
  // SEC-07: the e-mail is the token's verified claim.
  static grpc::Status SignUp(const std::string& tenant, const std::string& subject,
                             const std::string& email, const std::string& last_name,
                             SignUpHcpResponse* signed_up) {
    SignUpHcpRequest sign_up;
    sign_up.set_first_name("Pat");
    sign_up.set_last_name(last_name);
    auto token =
        auth::MintHs256(kTestSecret, auth::Identity(subject, ROLE_HCP, tenant, email, true),
                        absl::Now(), absl::Hours(1));
    EXPECT_TRUE(token.ok()) << token.status();
    return ProfileService::NewStub(mesh_->Channel())
        ->SignUpHcp(Mesh::Context(*token).get(), sign_up, signed_up);
  }
  static Mesh* mesh_;
};
Mesh* InternalCallsE2e::mesh_ = nullptr;

TEST_F(InternalCallsE2e, PRF01_SignUpThroughTheGatewayAppearsInTheFeedAndLinksToAnAccount) {
  const std::string tenant = UniqueName("t");
  auto pub = ProfileService::NewStub(mesh_->Channel());
  auto internal = ProfileInternalService::NewStub(mesh_->Channel("profile"));
  ASSERT_NO_FATAL_FAILURE(Company(tenant));

  SignUpHcpResponse signed_up;
  grpc::Status st = SignUp(tenant, "hcp-1", "o'brien@clinic.example", "O'Brien", &signed_up);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_TRUE(signed_up.created());

  ListSignUpsRequest list;
  list.set_tenant_id(tenant);
  ListSignUpsResponse feed;
  st = internal->ListSignUps(Mesh::Context(ROLE_SERVICE, "*", "connection").get(), list, &feed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(feed.sign_ups_size(), 1);
  EXPECT_EQ(feed.sign_ups(0).profile_id(), signed_up.profile_id());
  EXPECT_EQ(feed.sign_ups(0).email(), "o'brien@clinic.example");
  list.set_after_cursor(feed.sign_ups(0).cursor());
  st = internal->ListSignUps(Mesh::Context(ROLE_SERVICE, "*", "connection").get(), list, &feed);
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(feed.sign_ups_size(), 0);

  CreateOrgRequest org;
  org.mutable_org()->set_org_id("00D000000000001AAA");
  org.mutable_org()->set_type(ORG_TYPE_SANDBOX);
  org.mutable_org()->set_domain("acme.example.com");
  CreateOrgResponse org_resp;
  st = pub->CreateOrg(Mesh::Context(ROLE_ADMIN, tenant, "admin").get(), org, &org_resp);
  ASSERT_TRUE(st.ok()) << st.error_message();

  GetOrgRequest get_org;
  get_org.set_tenant_id(tenant);
  get_org.set_org_id("00D000000000001AAA");
  GetOrgResponse got;
  st = internal->GetOrg(Mesh::Context(ROLE_SERVICE, "*", "promomats").get(), get_org, &got);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(got.org().type(), ORG_TYPE_SANDBOX);

  LinkProfileToAccountRequest link;
  link.set_tenant_id(tenant);
  link.set_profile_id(signed_up.profile_id());
  link.set_org_id("00D000000000001AAA");
  link.set_account_id("001ACCOUNT");
  LinkProfileToAccountResponse linked;
  st = internal->LinkProfileToAccount(Mesh::Context(ROLE_SERVICE, "*", "connection").get(), link,
                                      &linked);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(linked.account_id(), "001ACCOUNT");
}

TEST_F(InternalCallsE2e, InternalCallsRefuseOtherRolesAndNameBadFields) {
  auto internal = ProfileInternalService::NewStub(mesh_->Channel("profile"));
  ListSignUpsRequest list;
  list.set_tenant_id("t");
  ListSignUpsResponse feed;
  EXPECT_EQ(internal->ListSignUps(Mesh::Context(ROLE_ADMIN, "t", "admin").get(), list, &feed)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  list.set_after_cursor("not-a-cursor");
  list.set_page_size(-1);
  grpc::Status st =
      internal->ListSignUps(Mesh::Context(ROLE_SERVICE, "*", "connection").get(), list, &feed);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("after_cursor"), std::string::npos) << st.error_message();
  EXPECT_NE(st.error_message().find("page_size"), std::string::npos) << st.error_message();
}

TEST_F(InternalCallsE2e, SEC11_OwnersOfManyProfilesInOneCall) {
  const std::string tenant = UniqueName("t");
  auto internal = ProfileInternalService::NewStub(mesh_->Channel("profile"));
  ASSERT_NO_FATAL_FAILURE(Company(tenant));
  std::vector<std::string> hcps;
  for (int i = 0; i < 3; ++i) {
    const std::string subject = "hcp-" + std::to_string(i);
    SignUpHcpResponse signed_up;
    ASSERT_TRUE(SignUp(tenant, subject, subject + "@clinic.example", "Lee", &signed_up).ok());
    hcps.push_back(signed_up.profile_id());
  }
  GetProfileOwnersRequest request;
  request.set_tenant_id(tenant);
  for (const auto& id : hcps) request.add_profile_ids(id);
  request.add_profile_ids("01HZZZZZZZZZZZZZZZZZZZZZZZ");  // no such profile: left out
  GetProfileOwnersResponse owners;
  grpc::Status st = internal->GetProfileOwners(Mesh::Context(ROLE_SERVICE, "*", "connection").get(),
                                               request, &owners);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(owners.owners_size(), 3);
  for (const auto& o : owners.owners()) {
    EXPECT_EQ(o.kind(), PROFILE_KIND_HCP);
    EXPECT_NE(std::find(hcps.begin(), hcps.end(), o.profile_id()), hcps.end());
  }
  // Bounded: more than 500 in one call is refused, naming the field.
  GetProfileOwnersRequest too_many;
  too_many.set_tenant_id(tenant);
  for (int i = 0; i < 501; ++i) too_many.add_profile_ids(hcps[0]);
  st = internal->GetProfileOwners(Mesh::Context(ROLE_SERVICE, "*", "connection").get(), too_many,
                                  &owners);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("profile_ids"), std::string::npos) << st.error_message();
  // Another tenant's service token sees nothing of this tenant (SEC-02).
  st = internal->GetProfileOwners(Mesh::Context(ROLE_SERVICE, "other", "connection").get(), request,
                                  &owners);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace engage::testing
