// The in-process fixture serves a binary's real wiring: its Gatekeeper, its
// handlers' validation and its stores on the test MariaDB, without ports.
#include "tests/support/in_process_service.h"

#include "common/status/errors.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "gtest/gtest.h"
#include "profile_svc/wiring.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_HCP;
namespace pv1 = engage::profile::v1;

class InProcessServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = InProcessService::Start(profile::ProfileServiceBinary());
    ASSERT_TRUE(started.ok()) << started.status();
    service_ = *std::move(started);
    stub_ = pv1::ProfileService::NewStub(service_->channel());
  }

  std::unique_ptr<InProcessService> service_;
  std::unique_ptr<pv1::ProfileService::Stub> stub_;
};

TEST_F(InProcessServiceTest, ServesTheBinarysHandlersBehindItsGatekeeper) {
  pv1::UpsertCompanyRequest request;
  request.set_name("Acme Pharma");
  pv1::UpsertCompanyResponse response;

  // SEC-01 through the real Gatekeeper: no token, then the wrong role.
  EXPECT_EQ(stub_->UpsertCompany(Mesh::Context("").get(), request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(stub_->UpsertCompany(Mesh::Context(ROLE_HCP, "acme", "hcp-1").get(), request, &response)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // The handler's validation names the field.
  pv1::UpsertCompanyRequest empty;
  grpc::Status refused =
      stub_->UpsertCompany(Mesh::Context(ROLE_ADMIN, "acme", "admin-1").get(), empty, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(refused.error_message().find("name"), std::string::npos) << refused.error_message();

  // And the store writes to this fixture's own database.
  grpc::Status saved =
      stub_->UpsertCompany(Mesh::Context(ROLE_ADMIN, "acme", "admin-1").get(), request, &response);
  ASSERT_TRUE(saved.ok()) << saved.error_message();
  EXPECT_EQ(response.company().name(), "Acme Pharma");
  pv1::GetBrandingRequest read;
  pv1::GetBrandingResponse branding;
  ASSERT_TRUE(
      stub_->GetBranding(Mesh::Context(ROLE_ADMIN, "acme", "admin-1").get(), read, &branding).ok());
}

}  // namespace
}  // namespace engage::testing
