// The CRM sync end to end: real processes, driven through the gateway.
#include <gtest/gtest.h>
#include <signal.h>

#include <thread>

#include "engage/profile/v1/crm_sync.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/crm_sync_data.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;
namespace pv1 = engage::profile::v1;

constexpr char kOrg[] = "00DE2E000000000ORG";

class SyncE2eTest : public ::testing::Test {
 protected:
  SyncE2eTest() : mesh_(Options()), tenant_(UniqueName("t")) {}

  static Mesh::Options Options() {
    Mesh::Options o;
    o.env["profile"] = {{"ENGAGE_SYNC_BATCH_SIZE", "25"},
                        {"ENGAGE_SYNC_SCHEDULER_TICK_SECONDS", "0"}};
    return o;
  }

  void SetUp() override {
    auto profiles = pv1::ProfileService::NewStub(mesh_.Channel());
    pv1::UpsertCompanyRequest company;
    company.set_name("Verteo BioPharma");
    pv1::UpsertCompanyResponse company_done;
    ASSERT_TRUE(profiles->UpsertCompany(Admin().get(), company, &company_done).ok());
    pv1::CreateOrgRequest org;
    org.mutable_org()->set_org_id(kOrg);
    org.mutable_org()->set_type(pv1::ORG_TYPE_PRODUCTION);
    org.mutable_org()->set_domain("verteo.example.com");
    pv1::CreateOrgResponse org_done;
    grpc::Status st = profiles->CreateOrg(Admin().get(), org, &org_done);
    ASSERT_TRUE(st.ok()) << st.error_message();
    auto crm = pv1::CrmOrgService::NewStub(mesh_.Channel());
    pv1::ProvisionCrmIntegrationUserRequest provision;
    provision.set_org_id(kOrg);
    provision.set_username("integration@verteo");
    provision.set_password("s3cret");
    provision.set_active(true);
    pv1::ProvisionCrmIntegrationUserResponse provisioned;
    ASSERT_TRUE(crm->ProvisionCrmIntegrationUser(Admin().get(), provision, &provisioned).ok());
    auto sync = pv1::CrmSyncService::NewStub(mesh_.Channel());
    pv1::SetIntegrationUserRequest user;
    user.set_org_id(kOrg);
    user.set_username("integration@verteo");
    user.set_password("s3cret");
    pv1::SetIntegrationUserResponse set;
    ASSERT_TRUE(sync->SetIntegrationUser(Admin().get(), user, &set).ok());
  }

  std::unique_ptr<grpc::ClientContext> Admin() {
    return Mesh::Context(ROLE_ADMIN, tenant_, "alice");
  }

  void Seed(int staff, int hcps, int per_hcp) {
    SeedCrmSyncData(mesh_.db().pool(), tenant_, kOrg, staff, hcps, per_hcp);
  }

  pv1::SyncJob StartSync(bool full) {
    auto sync = pv1::CrmSyncService::NewStub(mesh_.Channel());
    pv1::StartSyncRequest request;
    request.set_org_id(kOrg);
    request.set_full(full);
    pv1::StartSyncResponse response;
    grpc::Status st;
    // After a restart the gateway reconnects within a couple of seconds.
    for (int i = 0; i < 100; ++i) {
      st = sync->StartSync(Admin().get(), request, &response);
      if (st.error_code() != grpc::StatusCode::UNAVAILABLE) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response.job();
  }

  pv1::SyncJob GetJob(const std::string& id) {
    auto sync = pv1::CrmSyncService::NewStub(mesh_.Channel());
    pv1::GetSyncJobRequest request;
    request.set_org_id(kOrg);
    request.set_job_id(id);
    pv1::GetSyncJobResponse response;
    (void)sync->GetSyncJob(Admin().get(), request, &response);
    return response.job();
  }

  pv1::SyncJob WaitDone(const std::string& id) {
    for (int i = 0; i < 600; ++i) {
      pv1::SyncJob job = GetJob(id);
      if (job.status() != pv1::SYNC_STATUS_RUNNING && job.status() != pv1::SYNC_STATUS_QUEUED) {
        return job;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "sync did not finish";
    return {};
  }

  // Lets "an hour pass" for the 60-minute rule (SYN-07) of a real process's clock.
  void AnHourPasses() {
    ASSERT_TRUE(mesh_.db()
                    .pool()
                    .Execute("UPDATE sync_runs SET start_time = start_time - INTERVAL 61 MINUTE "
                             "WHERE tenant_id = ?",
                             {tenant_})
                    .ok());
  }

  std::vector<std::string> CrmSnapshot() {
    return testing::CrmSnapshot(mesh_.db().pool(), tenant_);
  }

  Mesh mesh_;
  std::string tenant_;
};

TEST_F(SyncE2eTest, SYN12_KilledMidSyncTheNextSyncEndsEqualToACleanFullSync) {
  Seed(/*staff=*/20, /*hcps=*/400, /*per_hcp=*/3);  // 420 profiles + 1200 connections
  pv1::SyncJob job = StartSync(/*full=*/true);
  // SEC-11: a started sync waits for a worker, visibly.
  ASSERT_EQ(job.status(), pv1::SYNC_STATUS_QUEUED);
  // Kill the service in the middle of writing.
  for (int i = 0; i < 2000; ++i) {
    pv1::SyncJob now = GetJob(job.job_id());
    if (now.done_records() >= 200) break;
    if (now.status() != pv1::SYNC_STATUS_RUNNING && now.status() != pv1::SYNC_STATUS_QUEUED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(kill(mesh_.process("profile").pid(), SIGKILL), 0);
  const size_t partial = CrmSnapshot().size();
  EXPECT_GT(partial, 0u);
  EXPECT_LT(partial, 1620u) << "the sync finished before the kill; nothing was interrupted";

  mesh_.Restart("profile");
  AnHourPasses();
  pv1::SyncJob next = WaitDone(StartSync(/*full=*/false).job_id());
  EXPECT_EQ(next.status(), pv1::SYNC_STATUS_SUCCESS) << next.message();
  std::vector<std::string> after_recovery = CrmSnapshot();
  EXPECT_EQ(after_recovery.size(), 1620u);  // nothing lost, nothing doubled

  // A clean full sync of the same data into an empty CRM gives the same tables.
  ASSERT_TRUE(mesh_.db()
                  .pool()
                  .Execute("DELETE FROM crm_engage_profiles WHERE tenant_id = ?", {tenant_})
                  .ok());
  ASSERT_TRUE(mesh_.db()
                  .pool()
                  .Execute("DELETE FROM crm_engage_connections WHERE tenant_id = ?", {tenant_})
                  .ok());
  AnHourPasses();
  pv1::SyncJob clean = WaitDone(StartSync(/*full=*/true).job_id());
  EXPECT_EQ(clean.status(), pv1::SYNC_STATUS_SUCCESS);
  EXPECT_EQ(CrmSnapshot(), after_recovery);
  // The interrupted run is in the history as a failure.
  auto sync = pv1::CrmSyncService::NewStub(mesh_.Channel());
  pv1::ListSyncJobsRequest list;
  list.set_org_id(kOrg);
  pv1::ListSyncJobsResponse jobs;
  ASSERT_TRUE(sync->ListSyncJobs(Admin().get(), list, &jobs).ok());
  ASSERT_EQ(jobs.jobs_size(), 3);
  EXPECT_EQ(jobs.jobs(2).status(), pv1::SYNC_STATUS_FAILURE);
  EXPECT_NE(jobs.jobs(2).message().find("interrupted"), std::string::npos);
}

TEST_F(SyncE2eTest, SYN09_SYN13_WatchTheJobThenDownloadItsLogAsCsv) {
  Seed(/*staff=*/2, /*hcps=*/30, /*per_hcp=*/1);
  pv1::SyncJob job = StartSync(false);
  auto sync = pv1::CrmSyncService::NewStub(mesh_.Channel());
  pv1::WatchSyncJobRequest watch;
  watch.set_org_id(kOrg);
  watch.set_job_id(job.job_id());
  auto context = Admin();
  auto stream = sync->WatchSyncJob(context.get(), watch);
  pv1::WatchSyncJobResponse update;
  int64_t last_done = -1;
  pv1::SyncJob final_job;
  while (stream->Read(&update)) {
    EXPECT_GE(update.job().done_records(), last_done);  // progress only moves forward
    last_done = update.job().done_records();
    final_job = update.job();
  }
  ASSERT_TRUE(stream->Finish().ok());
  EXPECT_EQ(final_job.status(), pv1::SYNC_STATUS_SUCCESS);
  EXPECT_EQ(final_job.done_records(), final_job.total_records());
  EXPECT_EQ(final_job.total_records(), 62);  // 30 HCPs + 2 reps + 30 connections

  pv1::DownloadSyncLogRequest download;
  download.set_org_id(kOrg);
  download.set_job_id(job.job_id());
  download.set_kind(pv1::SYNC_LOG_KIND_SUCCESS);
  auto log_context = Admin();
  auto chunks = sync->DownloadSyncLog(log_context.get(), download);
  std::string csv;
  pv1::DownloadSyncLogResponse chunk;
  while (chunks->Read(&chunk)) csv += chunk.csv_chunk();
  ASSERT_TRUE(chunks->Finish().ok());
  EXPECT_EQ(csv.rfind("object,external_id,action,message\r\n", 0), 0u);
  size_t lines = 0;
  for (char c : csv) lines += c == '\n';
  EXPECT_EQ(lines, 63u);  // header + one line per record
  EXPECT_NE(csv.find("Engage_Connection_vod"), std::string::npos);

  // SYN-07 through the gateway: a second start within the hour is refused, saying when.
  pv1::StartSyncRequest again;
  again.set_org_id(kOrg);
  pv1::StartSyncResponse refused;
  grpc::Status st = sync->StartSync(Admin().get(), again, &refused);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(st.error_message().find("next may start at"), std::string::npos);
}

TEST_F(SyncE2eTest, SYN05_SYN11_RecordsThroughTheGatewayReferenceTheCrmUserAndTheProfileRecord) {
  Seed(/*staff=*/1, /*hcps=*/1, /*per_hcp=*/1);
  pv1::SyncJob job = WaitDone(StartSync(false).job_id());
  ASSERT_EQ(job.status(), pv1::SYNC_STATUS_SUCCESS) << job.message();
  auto crm = pv1::CrmOrgService::NewStub(mesh_.Channel());
  pv1::ListCrmProfilesRequest list_profiles;
  list_profiles.set_org_id(kOrg);
  pv1::ListCrmProfilesResponse profiles;
  ASSERT_TRUE(crm->ListCrmProfiles(Admin().get(), list_profiles, &profiles).ok());
  pv1::CrmProfile hcp;
  for (const auto& p : profiles.profiles()) {
    if (p.record_type() == "Engage_HCP_Profile_vod") hcp = p;
  }
  ASSERT_FALSE(hcp.record_id().empty());
  pv1::ListCrmConnectionsRequest list_connections;
  list_connections.set_org_id(kOrg);
  pv1::ListCrmConnectionsResponse connections;
  ASSERT_TRUE(crm->ListCrmConnections(Admin().get(), list_connections, &connections).ok());
  ASSERT_EQ(connections.connections_size(), 1);
  const pv1::CrmConnection& c = connections.connections(0);
  auto user = mesh_.db().pool().Query("SELECT user_id FROM users WHERE tenant_id = ?", {tenant_});
  ASSERT_TRUE(user.ok() && user->size() == 1u);
  EXPECT_EQ(c.record_type(), "User_to_Engage_Profile_vod");
  EXPECT_EQ(c.from_user_id(), user->front().String(0));
  EXPECT_EQ(c.to_engage_profile_record_id(), hcp.record_id());
  EXPECT_EQ(c.to_profile_id(), hcp.external_id());
  EXPECT_EQ(c.record_id().size(), 18u);

  // SYN-11: a photo of another content type stays; an edit of the record is refused.
  pv1::AttachCrmProfilePhotoRequest attach;
  attach.set_org_id(kOrg);
  attach.set_external_id(hcp.external_id());
  attach.set_photo_url("https://cdn.example/headshot.png");
  attach.set_content_type("Headshot_vod");
  pv1::AttachCrmProfilePhotoResponse attached;
  ASSERT_TRUE(crm->AttachCrmProfilePhoto(Admin().get(), attach, &attached).ok());
  EXPECT_EQ(attached.profile().manual_photo_url(), "https://cdn.example/headshot.png");
  pv1::EditCrmProfileRequest edit;
  edit.set_org_id(kOrg);
  edit.set_external_id(hcp.external_id());
  edit.set_title("Hand-edited");
  pv1::EditCrmProfileResponse edited;
  grpc::Status refused = crm->EditCrmProfile(Admin().get(), edit, &edited);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("SYN-11"), std::string::npos);
  AnHourPasses();
  ASSERT_EQ(WaitDone(StartSync(true).job_id()).status(), pv1::SYNC_STATUS_SUCCESS);
  ASSERT_TRUE(crm->ListCrmProfiles(Admin().get(), list_profiles, &profiles).ok());
  for (const auto& p : profiles.profiles()) {
    if (p.external_id() != hcp.external_id()) continue;
    EXPECT_EQ(p.manual_photo_url(), "https://cdn.example/headshot.png");
    EXPECT_EQ(p.manual_photo_content_type(), "Headshot_vod");
    EXPECT_EQ(p.photo_content_type(), "Engage_Profile_Photo_vod");
    EXPECT_EQ(p.title(), "");
  }
}

}  // namespace
}  // namespace engage::testing
