// SEC-10 end to end: only admins configure an org's integration user, its
// password is stored sealed and used by the sync, and no answer or log line
// of the mesh shows it.
#include <gtest/gtest.h>

#include <thread>

#include "engage/profile/v1/crm_sync.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_INTEGRATION;
namespace pv1 = engage::profile::v1;

constexpr char kOrg[] = "00DSEC100000000ORG";
constexpr char kPassword[] = "Zq9-sealed-Pa55word";

class IntegrationUserE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Mesh::Options o;
    o.env["profile"] = {{"ENGAGE_SYNC_SCHEDULER_TICK_SECONDS", "0"}};
    mesh_ = new Mesh(o);
  }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }

  void SetUp() override {
    tenant_ = UniqueName("t");
    crm_ = pv1::CrmOrgService::NewStub(mesh_->Channel());
    sync_ = pv1::CrmSyncService::NewStub(mesh_->Channel());
    auto profiles = pv1::ProfileService::NewStub(mesh_->Channel());
    pv1::UpsertCompanyRequest company;
    company.set_name("Verteo");
    pv1::UpsertCompanyResponse company_done;
    ASSERT_TRUE(profiles->UpsertCompany(Ctx(ROLE_ADMIN).get(), company, &company_done).ok());
    pv1::CreateOrgRequest org;
    org.mutable_org()->set_org_id(kOrg);
    org.mutable_org()->set_type(pv1::ORG_TYPE_PRODUCTION);
    org.mutable_org()->set_domain("verteo.example.com");
    pv1::CreateOrgResponse org_done;
    ASSERT_TRUE(profiles->CreateOrg(Ctx(ROLE_ADMIN).get(), org, &org_done).ok());
    ASSERT_TRUE(Provision(ROLE_ADMIN, true).ok());
    ASSERT_TRUE(SetUser(ROLE_ADMIN, kPassword).ok());
  }

  std::unique_ptr<grpc::ClientContext> Ctx(auth::Role role) {
    return Mesh::Context(role, tenant_, role == ROLE_ADMIN ? "alice" : "integration@verteo");
  }
  grpc::Status Provision(auth::Role role, bool active) {
    pv1::ProvisionCrmIntegrationUserRequest request;
    request.set_org_id(kOrg);
    request.set_username("integration@verteo");
    request.set_password(kPassword);
    request.set_active(active);
    pv1::ProvisionCrmIntegrationUserResponse response;
    return crm_->ProvisionCrmIntegrationUser(Ctx(role).get(), request, &response);
  }
  grpc::Status SetUser(auth::Role role, const std::string& password) {
    pv1::SetIntegrationUserRequest request;
    request.set_org_id(kOrg);
    request.set_username("integration@verteo");
    request.set_password(password);
    pv1::SetIntegrationUserResponse response;
    return sync_->SetIntegrationUser(Ctx(role).get(), request, &response);
  }
  pv1::ValidateIntegrationUserResponse Validate() {
    pv1::ValidateIntegrationUserRequest request;
    request.set_org_id(kOrg);
    pv1::ValidateIntegrationUserResponse response;
    grpc::Status st = sync_->ValidateIntegrationUser(Ctx(ROLE_ADMIN).get(), request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response;
  }
  std::string StoredSecret() {
    auto rows = mesh_->db().pool().Query(
        "SELECT integration_secret_sealed FROM sync_settings WHERE tenant_id = ? AND org_id = ?",
        {tenant_, kOrg});
    EXPECT_TRUE(rows.ok() && rows->size() == 1);
    return rows.ok() && !rows->empty() ? rows->front().String(0) : "";
  }

  static Mesh* mesh_;
  std::string tenant_;
  std::unique_ptr<pv1::CrmOrgService::Stub> crm_;
  std::unique_ptr<pv1::CrmSyncService::Stub> sync_;
};
Mesh* IntegrationUserE2e::mesh_ = nullptr;

TEST_F(IntegrationUserE2e, SEC10_IntegrationIdentityCannotDeactivateItsOwnIntegrationUser) {
  grpc::Status st = Provision(ROLE_INTEGRATION, /*active=*/false);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << st.error_message();
  // Nothing changed: the integration user still signs in.
  auto validated = Validate();
  EXPECT_TRUE(validated.valid()) << validated.reason();
}

TEST_F(IntegrationUserE2e, SEC10_OnlyAdminsSetOrValidateTheIntegrationUser) {
  const std::string before = StoredSecret();
  EXPECT_EQ(SetUser(ROLE_INTEGRATION, "attacker-choice").error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(StoredSecret(), before);
  pv1::ValidateIntegrationUserRequest request;
  request.set_org_id(kOrg);
  pv1::ValidateIntegrationUserResponse response;
  EXPECT_EQ(
      sync_->ValidateIntegrationUser(Ctx(ROLE_INTEGRATION).get(), request, &response).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(IntegrationUserE2e, SEC10_PasswordIsStoredSealedAndTheSyncSignsInWithIt) {
  const std::string sealed = StoredSecret();
  EXPECT_EQ(sealed.rfind("v1.", 0), 0u) << sealed;
  EXPECT_EQ(sealed.find(kPassword), std::string::npos);
  EXPECT_TRUE(Validate().valid());
  pv1::StartSyncRequest start;
  start.set_org_id(kOrg);
  pv1::StartSyncResponse started;
  grpc::Status st = sync_->StartSync(Ctx(ROLE_ADMIN).get(), start, &started);
  ASSERT_TRUE(st.ok()) << st.error_message();
  pv1::SyncJob job = started.job();
  auto unfinished = [](const pv1::SyncJob& j) {
    return j.status() == pv1::SYNC_STATUS_RUNNING || j.status() == pv1::SYNC_STATUS_QUEUED;
  };
  for (int i = 0; i < 300 && unfinished(job); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    pv1::GetSyncJobRequest get;
    get.set_org_id(kOrg);
    get.set_job_id(job.job_id());
    pv1::GetSyncJobResponse got;
    ASSERT_TRUE(sync_->GetSyncJob(Ctx(ROLE_ADMIN).get(), get, &got).ok());
    job = got.job();
  }
  EXPECT_EQ(job.status(), pv1::SYNC_STATUS_SUCCESS) << job.message();
}

TEST_F(IntegrationUserE2e, SEC10_NoAnswerOrLogLineShowsThePassword) {
  // A wrong password: the validation says why without echoing either one.
  ASSERT_TRUE(SetUser(ROLE_ADMIN, "Wr0ng-Zq9-secret").ok());
  auto validated = Validate();
  EXPECT_FALSE(validated.valid());
  EXPECT_EQ(validated.reason().find("Wr0ng-Zq9-secret"), std::string::npos);
  EXPECT_EQ(validated.reason().find(kPassword), std::string::npos);
  // A bad request names the field, not its value.
  pv1::SetIntegrationUserRequest bad;
  bad.set_org_id("not-an-org");
  bad.set_username("integration@verteo");
  bad.set_password("Zq9-bad-request-secret");
  pv1::SetIntegrationUserResponse ignored;
  grpc::Status st = sync_->SetIntegrationUser(Ctx(ROLE_ADMIN).get(), bad, &ignored);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(st.error_message().find("Zq9-bad-request-secret"), std::string::npos);
  for (const char* name : {"profile", "gateway"}) {
    const std::string log = mesh_->process(name).Output();
    EXPECT_EQ(log.find(kPassword), std::string::npos) << name;
    EXPECT_EQ(log.find("Wr0ng-Zq9-secret"), std::string::npos) << name;
    EXPECT_EQ(log.find("Zq9-bad-request-secret"), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace engage::testing
