#ifndef ENGAGE_TESTS_FAULTS_SYNC_AND_BURST_H_
#define ENGAGE_TESTS_FAULTS_SYNC_AND_BURST_H_

// The background work the seeded fault scenarios interrupt (issue 18): a full
// CRM sync of one org (profile_svc) and a PromoMats delivery burst to three
// CRMs (promomats_svc), on a ReplicatedMesh, with what their end state must
// be and the invariants that hold after any fault.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/mysql/lock_name.h"
#include "engage/profile/v1/crm_sync.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "profile_svc/crm_sync/rules/sync_rules.h"
#include "tests/faults/replicated_mesh.h"
#include "tests/support/crm_sync_data.h"
#include "tests/support/test_env.h"

namespace engage::testing {

class SyncAndBurst {
 public:
  static constexpr char kOrg[] = "00DFAULTS00000ORG1";
  // 310 profiles and 600 connections: 91 batches of 10 (the mesh's batch size).
  static constexpr int kStaff = 10, kHcps = 300, kPerHcp = 2;
  static constexpr int kRecords = kStaff + kHcps + kHcps * kPerHcp;
  // 30 documents, each created and then changed once, to 3 CRMs: 180 deliveries.
  static constexpr int kDocuments = 30, kCrms = 3;

  SyncAndBurst(ReplicatedMesh& mesh, mysql::Pool& pool)
      : mesh_(mesh), db_(pool), channel_(mesh.ClientChannel()), tenant_(UniqueName("t")) {}

  const std::string& tenant() const { return tenant_; }

  // The company, the org with its integration user (its schedule off: only
  // StartSync and parked runs run it), the CRM users, HCPs and connections,
  // and the PromoMats vault connected to three CRM vaults (Global content
  // goes to all three).
  void SetUp() {
    namespace pv1 = engage::profile::v1;
    auto profiles = pv1::ProfileService::NewStub(channel_);
    pv1::UpsertCompanyRequest company;
    company.set_name("Verteo BioPharma");
    pv1::UpsertCompanyResponse company_done;
    grpc::Status st =
        WhenReady([&] { return profiles->UpsertCompany(Admin().get(), company, &company_done); });
    ASSERT_TRUE(st.ok()) << st.error_message();
    pv1::CreateOrgRequest org;
    org.mutable_org()->set_org_id(kOrg);
    org.mutable_org()->set_type(pv1::ORG_TYPE_PRODUCTION);
    org.mutable_org()->set_domain("verteo.example.com");
    pv1::CreateOrgResponse org_done;
    st = profiles->CreateOrg(Admin().get(), org, &org_done);
    ASSERT_TRUE(st.ok()) << st.error_message();
    // At once: the schedulers (1 s ticks) sync an org on the default hourly
    // schedule; a run they may have started in between is moved back below.
    auto sync = pv1::CrmSyncService::NewStub(channel_);
    pv1::SetSyncScheduleRequest schedule;
    schedule.set_org_id(kOrg);
    schedule.set_interval_minutes(0);
    pv1::SetSyncScheduleResponse scheduled;
    st = sync->SetSyncSchedule(Admin().get(), schedule, &scheduled);
    ASSERT_TRUE(st.ok()) << st.error_message();
    auto crm = pv1::CrmOrgService::NewStub(channel_);
    pv1::ProvisionCrmIntegrationUserRequest provision;
    provision.set_org_id(kOrg);
    provision.set_username("integration@verteo");
    provision.set_password("s3cret");
    provision.set_active(true);
    pv1::ProvisionCrmIntegrationUserResponse provisioned;
    st = crm->ProvisionCrmIntegrationUser(Admin().get(), provision, &provisioned);
    ASSERT_TRUE(st.ok()) << st.error_message();
    pv1::SetIntegrationUserRequest user;
    user.set_org_id(kOrg);
    user.set_username("integration@verteo");
    user.set_password("s3cret");
    pv1::SetIntegrationUserResponse set;
    st = sync->SetIntegrationUser(Admin().get(), user, &set);
    ASSERT_TRUE(st.ok()) << st.error_message();
    AnHourPasses();
    SeedCrmSyncData(db_, tenant_, kOrg, kStaff, kHcps, kPerHcp);
    SetUpPromoMats();
  }

  // StartSync of a full sync on replica `i` of profile_svc (directly, so the
  // test knows which replica runs it); returns the run's id.
  std::string StartFullSyncOn(int i) {
    auto sync = engage::profile::v1::CrmSyncService::NewStub(
        grpc::CreateChannel(mesh_.Address("profile", i), grpc::InsecureChannelCredentials()));
    return Start(*sync, true);
  }
  // StartSyncs refused so far because post-processing ran (SYN-07).
  int held_back() const { return held_back_; }
  // StartSync through the gateways.
  std::string StartSync(bool full) {
    auto sync = engage::profile::v1::CrmSyncService::NewStub(channel_);
    return Start(*sync, full);
  }

  struct Run {
    int status = -1;  // profile::sync::RunStatus
    int64_t done = 0, total = 0;
    std::string message;
    bool Ended() const {
      return status == static_cast<int>(profile::sync::RunStatus::kSuccess) ||
             status == static_cast<int>(profile::sync::RunStatus::kSuccessWithErrors) ||
             status == static_cast<int>(profile::sync::RunStatus::kFailure);
    }
  };
  Run GetRun(const std::string& run_id) {
    auto rows = db_.Query(
        "SELECT status, done_records, total_records, message FROM sync_runs WHERE tenant_id = ? "
        "AND run_id = ?",
        {tenant_, run_id});
    Run run;
    if (rows.ok() && !rows->empty()) {
      run.status = static_cast<int>((*rows)[0].Int(0));
      run.done = (*rows)[0].Int(1);
      run.total = (*rows)[0].Int(2);
      run.message = (*rows)[0].String(3);
    }
    return run;
  }
  Run WaitEnded(const std::string& run_id, absl::Duration limit) {
    const absl::Time until = absl::Now() + limit;
    Run run = GetRun(run_id);
    while (!run.Ended() && absl::Now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      run = GetRun(run_id);
    }
    return run;
  }

  // Creates the documents and changes each once, through the gateways, from
  // the calling thread; a call a dying replica left unanswered is repeated
  // (creates by request_id, changes after reading the version back).
  void Burst() {
    namespace mv1 = engage::promomats::v1;
    auto stub = mv1::PromoMatsService::NewStub(channel_);
    for (int d = 0; d < kDocuments; ++d) {
      mv1::CreateDocumentRequest create;
      create.set_request_id(absl::StrCat("burst-", d));
      mv1::Document* doc = create.mutable_document();
      doc->set_promomats_vault_id(promomats_vault_);
      doc->set_name(absl::StrCat("Cholecap binder ", d));
      doc->set_description("first");
      doc->set_document_type("CLM Presentation");
      doc->set_country("GLOBAL");
      doc->set_lifecycle_state(mv1::LIFECYCLE_STATE_STEADY);
      doc->set_feature(mv1::FEATURE_CLM);
      doc->set_publish_for_crm_clm(true);
      doc->add_slides()->set_slide_id("intro");
      mv1::CreateDocumentResponse created;
      grpc::Status st =
          WhenReady([&] { return stub->CreateDocument(Marketer().get(), create, &created); });
      ASSERT_TRUE(st.ok()) << st.error_message();
      const std::string id = created.document().document_id();
      for (int attempt = 0; attempt < 20; ++attempt) {
        mv1::GetDocumentRequest get;
        get.set_document_id(id);
        mv1::GetDocumentResponse got;
        st = WhenReady([&] { return stub->GetDocument(Marketer().get(), get, &got); });
        ASSERT_TRUE(st.ok()) << st.error_message();
        if (got.document().version() >= 2) break;
        mv1::UpdateDocumentRequest update;
        update.mutable_document()->set_document_id(id);
        update.mutable_document()->set_description("second");
        update.mutable_document()->set_etag(got.document().etag());
        update.mutable_update_mask()->add_paths("description");
        mv1::UpdateDocumentResponse updated;
        st = stub->UpdateDocument(Marketer().get(), update, &updated);
        if (st.ok()) break;
        ASSERT_TRUE(st.error_code() == grpc::StatusCode::UNAVAILABLE ||
                    st.error_code() == grpc::StatusCode::FAILED_PRECONDITION)
            << st.error_message();
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  }
  // (sent, all) deliveries of the tenant.
  std::pair<int64_t, int64_t> Deliveries() {
    auto rows = db_.Query(
        "SELECT COALESCE(SUM(status = 1), 0), COUNT(*) FROM pmx_deliveries WHERE tenant_id = ?",
        {tenant_});
    if (!rows.ok() || rows->empty()) return {-1, -1};
    return {(*rows)[0].Int(0), (*rows)[0].Int(1)};
  }
  bool WaitDelivered(absl::Duration limit) {
    const int64_t expected = int64_t{kDocuments} * 2 * kCrms;
    const absl::Time until = absl::Now() + limit;
    while (absl::Now() < until) {
      auto [sent, all] = Deliveries();
      if (sent == expected && all == expected) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // The org's CRM tables, every field but the modification times.
  std::vector<std::string> CrmSnapshot() { return testing::CrmSnapshot(db_, tenant_); }
  // The org's runs of the last half hour (those of the set-up were moved
  // back an hour), whatever their status.
  int RunCount() {
    auto rows = db_.Query(
        "SELECT COUNT(*) FROM sync_runs WHERE tenant_id = ? AND start_time > NOW(6) - INTERVAL 30 "
        "MINUTE",
        {tenant_});
    return rows.ok() ? static_cast<int>((*rows)[0].Int(0)) : -1;
  }
  // The end of the set-up: a run a scheduler began before the org's
  // schedule was turned off has ended (its last write would put back its
  // start time), then "an hour passes", so the test's sync may start.
  void Settle() {
    const absl::Time until = absl::Now() + absl::Seconds(20);
    for (;;) {
      auto rows = db_.Query(
          "SELECT COUNT(*) FROM sync_runs WHERE tenant_id = ? AND status IN (0, 4)", {tenant_});
      ASSERT_TRUE(rows.ok()) << rows.status();
      if ((*rows)[0].Int(0) == 0) break;
      ASSERT_LT(absl::Now(), until) << "a set-up sync run did not end";
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    AnHourPasses();
  }
  // Lets "an hour pass" for SYN-07: every run of the tenant moved back 61 minutes.
  void AnHourPasses() {
    ASSERT_TRUE(db_.Execute("UPDATE sync_runs SET start_time = start_time - INTERVAL 61 MINUTE, "
                            "end_time = end_time - INTERVAL 61 MINUTE WHERE tenant_id = ?",
                            {tenant_})
                    .ok());
  }
  // The reference end state: the CRM tables emptied and a clean full sync
  // run again, without a fault.
  std::vector<std::string> ReferenceSnapshot() {
    for (const char* table : {"crm_engage_profiles", "crm_engage_connections"}) {
      EXPECT_TRUE(
          db_.Execute(absl::StrCat("DELETE FROM ", table, " WHERE tenant_id = ?"), {tenant_}).ok());
    }
    AnHourPasses();
    Run clean = WaitEnded(StartSync(true), absl::Seconds(30));
    EXPECT_EQ(clean.status, static_cast<int>(profile::sync::RunStatus::kSuccess)) << clean.message;
    return CrmSnapshot();
  }

  // What holds after any fault, once the work is over. `other_connections`:
  // connections made by other work of the tenant (post-processing).
  void ExpectInvariants(int other_connections = 0) {
    // No run of the org overlaps another, none is left QUEUED or RUNNING.
    auto runs = db_.Query(
        "SELECT run_id, status, start_time, end_time FROM sync_runs WHERE tenant_id = ? AND "
        "org_id = ? ORDER BY start_time, run_id",
        {tenant_, std::string(kOrg)});
    ASSERT_TRUE(runs.ok()) << runs.status();
    ASSERT_FALSE(runs->empty());
    for (size_t i = 0; i < runs->size(); ++i) {
      const auto& r = (*runs)[i];
      Run run;
      run.status = static_cast<int>(r.Int(1));
      EXPECT_TRUE(run.Ended()) << "run " << r.String(0) << " left in status " << run.status;
      ASSERT_FALSE(r.IsNull(3)) << "run " << r.String(0) << " has no end";
      if (i + 1 < runs->size()) {
        EXPECT_LE(r.Time(3), (*runs)[i + 1].Time(2))
            << "run " << r.String(0) << " overlaps run " << (*runs)[i + 1].String(0);
      }
    }
    // The org's lock is free (no replica still holds it).
    auto lock = db_.Query(absl::StrCat("SELECT IS_FREE_LOCK(", mysql::kLockNameOf, ")"),
                          {absl::StrCat("sync/", tenant_, "/", kOrg)});
    ASSERT_TRUE(lock.ok()) << lock.status();
    EXPECT_EQ((*lock)[0].Int(0), 1) << "the org's sync lock is still held";
    // No post-processing lease held past its time.
    auto leases = db_.Query(
        "SELECT COUNT(*) FROM post_processing WHERE lease_until IS NOT NULL AND lease_until < "
        "NOW(6)",
        {});
    ASSERT_TRUE(leases.ok()) << leases.status();
    EXPECT_EQ((*leases)[0].Int(0), 0) << "a post-processing lease outlived its time";
    // The connections are the ones seeded, each with one change.
    auto connections = db_.Query(
        "SELECT (SELECT COUNT(*) FROM connections WHERE tenant_id = ? AND active = 1), "
        "(SELECT COUNT(*) FROM connection_changes WHERE tenant_id = ?)",
        {tenant_, tenant_});
    ASSERT_TRUE(connections.ok()) << connections.status();
    EXPECT_EQ((*connections)[0].Int(0), kHcps * kPerHcp + other_connections);
    EXPECT_EQ((*connections)[0].Int(1), kHcps * kPerHcp + other_connections);
    // Every document reached every CRM at its last version, each of its two
    // changes applied once.
    auto links = db_.Query(
        "SELECT COUNT(*), COALESCE(SUM(state = 1 AND source_version = 2 AND applied_changes = 2), "
        "0) FROM pmx_crosslinks WHERE tenant_id = ?",
        {tenant_});
    ASSERT_TRUE(links.ok()) << links.status();
    EXPECT_EQ((*links)[0].Int(0), kDocuments * kCrms);
    EXPECT_EQ((*links)[0].Int(1), kDocuments * kCrms) << "a CrossLink is not at version 2 with "
                                                         "its two changes applied once";
    // Each delivery notified its owner once (PMX-13): PUBLISHED notifications
    // counted per delivery key, and none for the same change twice.
    auto notes = db_.Query(
        "SELECT COUNT(*), COUNT(DISTINCT delivery_key), COUNT(DISTINCT document_id, crm_vault_id, "
        "version), COALESCE(SUM(kind <> 1), 0) FROM pmx_notifications WHERE tenant_id = ?",
        {tenant_});
    ASSERT_TRUE(notes.ok()) << notes.status();
    const int64_t deliveries = int64_t{kDocuments} * 2 * kCrms;
    EXPECT_EQ((*notes)[0].Int(0), deliveries) << "notifications, one per delivery";
    EXPECT_EQ((*notes)[0].Int(1), deliveries) << "distinct delivery keys";
    EXPECT_EQ((*notes)[0].Int(2), deliveries) << "distinct (document, CRM, version)";
    EXPECT_EQ((*notes)[0].Int(3), 0) << "notifications other than PUBLISHED";
  }

 private:
  std::unique_ptr<grpc::ClientContext> Context(auth::Role role, const std::string& subject) const {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", "Bearer " + Token(role, tenant_, subject));
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }
  std::unique_ptr<grpc::ClientContext> Admin() const {
    return Context(engage::common::v1::ROLE_ADMIN, "alice");
  }
  std::unique_ptr<grpc::ClientContext> Marketer() const {
    return Context(engage::common::v1::ROLE_INTEGRATION, "marketer");
  }

  std::string Start(engage::profile::v1::CrmSyncService::Stub& sync, bool full) {
    engage::profile::v1::StartSyncRequest request;
    request.set_org_id(kOrg);
    request.set_full(full);
    engage::profile::v1::StartSyncResponse response;
    // SYN-07: refused while a post-processing run of the tenant holds its
    // lease; asked again, as a client would, until it ends.
    const absl::Time until = absl::Now() + absl::Seconds(30);
    grpc::Status st = WhenReady([&] { return sync.StartSync(Admin().get(), request, &response); });
    while (st.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
           st.error_message().find("post-processing") != std::string::npos && absl::Now() < until) {
      ++held_back_;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      st = WhenReady([&] { return sync.StartSync(Admin().get(), request, &response); });
    }
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response.job().job_id();
  }

  void SetUpPromoMats() {
    namespace mv1 = engage::promomats::v1;
    auto stub = mv1::PromoMatsService::NewStub(channel_);
    auto vault = [&](const std::string& name, mv1::VaultKind kind) {
      mv1::RegisterVaultRequest req;
      req.set_request_id(name);
      req.set_name(name);
      req.set_kind(kind);
      req.set_type(mv1::VAULT_TYPE_PRODUCTION);
      req.set_domain(UniqueName("vault-") + ".example.com");  // one CRM vault per domain
      mv1::RegisterVaultResponse resp;
      grpc::Status st = stub->RegisterVault(Admin().get(), req, &resp);
      EXPECT_TRUE(st.ok()) << st.error_message();
      return resp.vault().vault_id();
    };
    promomats_vault_ = vault("PromoMats", mv1::VAULT_KIND_PROMOMATS);
    std::vector<std::string> connections;
    for (int c = 0; c < kCrms; ++c) {
      crms_.push_back(vault(absl::StrCat("CRM ", c), mv1::VAULT_KIND_CRM));
      mv1::CreateConnectionRequest req;
      req.set_request_id(absl::StrCat("c-", c));
      req.set_promomats_vault_id(promomats_vault_);
      req.set_crm_vault_id(crms_.back());
      mv1::CreateConnectionResponse resp;
      grpc::Status st = stub->CreateConnection(Admin().get(), req, &resp);
      ASSERT_TRUE(st.ok()) << st.error_message();
      connections.push_back(resp.connection().connection_id());
    }
    // The Country records reach PromoMats from CRM (PMX-02); each CRM's
    // filter then yields US and Global (PMX-07).
    mv1::TransferRecordsRequest countries;
    countries.set_request_id("countries");
    countries.set_connection_id(connections[0]);
    countries.set_direction(mv1::DIRECTION_CRM_TO_PROMOMATS);
    countries.set_object_type(mv1::OBJECT_TYPE_COUNTRY);
    auto* us = countries.add_records();
    us->set_name("United States");
    us->set_external_id("US");
    mv1::TransferRecordsResponse transferred;
    grpc::Status st = stub->TransferRecords(Admin().get(), countries, &transferred);
    ASSERT_TRUE(st.ok()) << st.error_message();
    for (const auto& connection : connections) {
      mv1::UpdateConnectionSettingsRequest req;
      req.set_connection_id(connection);
      req.set_feature(mv1::FEATURE_CLM);
      req.add_country_filter("US");
      mv1::UpdateConnectionSettingsResponse resp;
      st = stub->UpdateConnectionSettings(Admin().get(), req, &resp);
      ASSERT_TRUE(st.ok()) << st.error_message();
    }
  }

  ReplicatedMesh& mesh_;
  mysql::Pool& db_;
  std::shared_ptr<grpc::Channel> channel_;
  const std::string tenant_;
  std::string promomats_vault_;
  std::vector<std::string> crms_;
  int held_back_ = 0;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_FAULTS_SYNC_AND_BURST_H_
