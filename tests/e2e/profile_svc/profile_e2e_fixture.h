// The suite fixture the profile_svc e2e tests share: one mesh (gateway and
// the three services) per suite, and per test a fresh tenant whose company
// "Acme" exists, a ProfileService stub through the gateway, and the set-up
// calls most tests make.
#ifndef ENGAGE_TESTS_E2E_PROFILE_SVC_PROFILE_E2E_FIXTURE_H_
#define ENGAGE_TESTS_E2E_PROFILE_SVC_PROFILE_E2E_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {

class ProfileE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { mesh_ = new Mesh(); }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }
  void SetUp() override {
    tenant_ = UniqueName("t");
    stub_ = profile::v1::ProfileService::NewStub(mesh_->Channel());
    profile::v1::UpsertCompanyRequest company;
    company.set_name("Acme");
    profile::v1::UpsertCompanyResponse ignored;
    grpc::Status st = stub_->UpsertCompany(Admin().get(), company, &ignored);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  // The tenant's admin, or another tenant's when `tenant` is given.
  std::unique_ptr<grpc::ClientContext> Admin(const std::string& tenant = "") const {
    return Mesh::Context(common::v1::ROLE_ADMIN, tenant.empty() ? tenant_ : tenant, "admin");
  }

  // A field user of the tenant: <subject>@acme.example, in the US.
  profile::v1::CreateFieldUserResponse NewUser(const std::string& subject, const std::string& first,
                                               const std::string& last) {
    profile::v1::CreateFieldUserRequest user;
    user.set_request_id("r-" + subject);
    user.set_subject(subject);
    user.set_first_name(first);
    user.set_last_name(last);
    user.set_email(subject + "@acme.example");
    user.set_country("US");
    user.set_user_type(profile::v1::USER_TYPE_FIELD_USER);
    profile::v1::CreateFieldUserResponse created;
    grpc::Status st = stub_->CreateFieldUser(Admin().get(), user, &created);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return created;
  }

  static inline Mesh* mesh_ = nullptr;
  std::string tenant_;
  std::unique_ptr<profile::v1::ProfileService::Stub> stub_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_E2E_PROFILE_SVC_PROFILE_E2E_FIXTURE_H_
