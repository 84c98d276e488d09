// promomats_svc's handlers in process (its real wiring, stores on a fresh
// test database, the real Gatekeeper): validation naming the field and the
// rule, and the mapping between the contract and the domain values the rules
// and stores take. profile_svc is served in process too, on a loopback port,
// as promomats_svc's profile-target: the Gatekeeper asks it for the state of
// ADMIN callers (SEC-09).
#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "gtest/gtest.h"
#include "promomats_svc/wiring.h"
#include "tests/support/in_process_service.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_INTEGRATION;
using engage::common::v1::ROLE_SERVICE;
namespace pv1 = engage::promomats::v1;

constexpr char kTenant[] = "verteo";

class PromoMatsServiceInProcessTest : public WithProfilesTest<promomats::PromoMatsServiceBinary> {
 protected:
  void SetUp() override { stub_ = pv1::PromoMatsService::NewStub(service().channel()); }

  std::unique_ptr<grpc::ClientContext> Integration() {
    return Mesh::Context(ROLE_INTEGRATION, kTenant, "crm");
  }

  std::string Vault(const std::string& name, pv1::VaultKind kind) {
    pv1::RegisterVaultRequest request;
    request.set_request_id(name);
    request.set_name(name);
    request.set_kind(kind);
    request.set_type(pv1::VAULT_TYPE_PRODUCTION);
    request.set_domain(engage::testing::UniqueName("vault-") + ".example.com");
    pv1::RegisterVaultResponse response;
    grpc::Status st = stub_->RegisterVault(Integration().get(), request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response.vault().vault_id();
  }

  // A PromoMats vault connected to a CRM vault (by an ADMIN: through profile_svc).
  pv1::Connection Connect(const std::string& suffix) {
    pv1::CreateConnectionRequest request;
    request.set_request_id("c-" + suffix);
    request.set_promomats_vault_id(Vault("PromoMats " + suffix, pv1::VAULT_KIND_PROMOMATS));
    request.set_crm_vault_id(Vault("CRM " + suffix, pv1::VAULT_KIND_CRM));
    pv1::CreateConnectionResponse response;
    grpc::Status st = stub_->CreateConnection(Mesh::Context(ROLE_ADMIN, kTenant, "admin").get(),
                                              request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response.connection();
  }

  std::unique_ptr<pv1::PromoMatsService::Stub> stub_;
};

bool Names(const grpc::Status& st, const std::string& text) {
  return st.error_message().find(text) != std::string::npos;
}

TEST_F(PromoMatsServiceInProcessTest, PMX02_TransferMapsEachRecordsOutcomeAndTheStoredRecord) {
  const pv1::Connection connection = Connect("transfer");
  pv1::TransferRecordsRequest request;
  request.set_request_id("batch-1");
  request.set_connection_id(connection.connection_id());
  request.set_direction(pv1::DIRECTION_CRM_TO_PROMOMATS);
  request.set_object_type(pv1::OBJECT_TYPE_PRODUCT);
  pv1::TransferRecord* cholecap = request.add_records();
  cholecap->set_name("Cholecap");
  cholecap->set_crm_id("a01");
  cholecap->set_external_id("P-1");
  (*cholecap->mutable_fields())["therapeutic_area"] = "Cardiology";
  request.add_records()->set_name("No keys");  // PMX-04: nothing to match it by later
  pv1::TransferRecordsResponse response;
  grpc::Status st = stub_->TransferRecords(Integration().get(), request, &response);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(response.results_size(), 2);
  EXPECT_EQ(response.results(0).index(), 0);
  EXPECT_EQ(response.results(0).outcome(), pv1::RECORD_OUTCOME_CREATED);
  EXPECT_FALSE(response.results(0).record_id().empty());
  EXPECT_EQ(response.results(1).index(), 1);
  EXPECT_EQ(response.results(1).outcome(), pv1::RECORD_OUTCOME_FAILED);
  EXPECT_TRUE(response.results(1).record_id().empty());
  EXPECT_NE(response.results(1).reason().find("PMX-04"), std::string::npos);

  // A replay answers the stored results, mapped the same way.
  pv1::TransferRecordsResponse replay;
  ASSERT_TRUE(stub_->TransferRecords(Integration().get(), request, &replay).ok());
  EXPECT_EQ(replay.SerializeAsString(), response.SerializeAsString());

  pv1::ListRecordsRequest list;
  list.set_vault_id(connection.promomats_vault_id());
  list.set_object_type(pv1::OBJECT_TYPE_PRODUCT);
  pv1::ListRecordsResponse records;
  ASSERT_TRUE(stub_->ListRecords(Integration().get(), list, &records).ok());
  ASSERT_EQ(records.records_size(), 1);
  const pv1::Record& record = records.records(0);
  EXPECT_EQ(record.record_id(), response.results(0).record_id());
  EXPECT_EQ(record.vault_id(), connection.promomats_vault_id());
  EXPECT_EQ(record.object_type(), pv1::OBJECT_TYPE_PRODUCT);
  EXPECT_EQ(record.name(), "Cholecap");
  EXPECT_EQ(record.crm_org(), connection.crm_vault_id());
  EXPECT_EQ(record.crm_id(), "a01");
  EXPECT_EQ(record.external_id(), "P-1");
  EXPECT_EQ(record.fields().at("therapeutic_area"), "Cardiology");
}

TEST_F(PromoMatsServiceInProcessTest,
       PMX02_AnObjectTypeThatMovesTheOtherWayIsRefusedNamingTheField) {
  const pv1::Connection connection = Connect("direction");
  pv1::TransferRecordsRequest request;
  request.set_request_id("batch-2");
  request.set_connection_id(connection.connection_id());
  request.set_direction(pv1::DIRECTION_CRM_TO_PROMOMATS);
  request.set_object_type(pv1::OBJECT_TYPE_PRODUCT_FAMILY);  // PromoMats -> CRM only
  request.add_records()->set_crm_id("a01");
  request.mutable_records(0)->set_name("Cholecap family");
  pv1::TransferRecordsResponse response;
  grpc::Status st = stub_->TransferRecords(Integration().get(), request, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(Names(st, "object_type")) << st.error_message();
  EXPECT_EQ(response.results_size(), 0);
}

TEST_F(PromoMatsServiceInProcessTest, PMX02_TransferRefusalNamesEveryWrongField) {
  pv1::TransferRecordsRequest request;  // nothing set
  pv1::TransferRecordsResponse response;
  grpc::Status st = stub_->TransferRecords(Integration().get(), request, &response);
  ASSERT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (const char* field : {"request_id", "connection_id", "direction", "object_type", "records"}) {
    EXPECT_TRUE(Names(st, field)) << field << ": " << st.error_message();
  }
}

TEST_F(PromoMatsServiceInProcessTest, PMX12_ContentMetricsAreSummarisedPerDocumentAndSlide) {
  const pv1::Connection connection = Connect("metrics");
  // The CRM takes CLM content (no country filter: Global), so the binder
  // reaches it; metrics are taken only for what the CRM holds (PMX-12).
  pv1::UpdateConnectionSettingsRequest settings;
  settings.set_connection_id(connection.connection_id());
  settings.set_feature(pv1::FEATURE_CLM);
  pv1::UpdateConnectionSettingsResponse set;
  ASSERT_TRUE(stub_
                  ->UpdateConnectionSettings(Mesh::Context(ROLE_ADMIN, kTenant, "admin").get(),
                                             settings, &set)
                  .ok());
  pv1::CreateDocumentRequest create;
  create.set_request_id("doc-1");
  pv1::Document* doc = create.mutable_document();
  doc->set_promomats_vault_id(connection.promomats_vault_id());
  doc->set_name("Cholecap binder");
  doc->set_document_type("CLM Presentation");
  doc->set_country("GLOBAL");
  doc->set_publish_for_crm_clm(true);
  doc->set_lifecycle_state(pv1::LIFECYCLE_STATE_STEADY);
  doc->set_feature(pv1::FEATURE_CLM);
  doc->add_slides()->set_slide_id("intro");
  (*doc->mutable_metadata())["brand"] = "Cholecap";
  pv1::CreateDocumentResponse created;
  grpc::Status st = stub_->CreateDocument(Integration().get(), create, &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(created.document().version(), 1);
  EXPECT_EQ(created.document().etag(), "v1");
  EXPECT_EQ(created.document().owner(), "crm");
  EXPECT_EQ(created.document().slides(0).slide_id(), "intro");
  EXPECT_EQ(created.document().metadata().at("brand"), "Cholecap");

  // The dispatcher publishes it (in process no loop runs: it is run here).
  auto internal = pv1::PromoMatsInternalService::NewStub(service().channel());
  pv1::RunDispatcherRequest run;
  run.set_tenant_id(kTenant);
  pv1::RunDispatcherResponse ran;
  st = internal->RunDispatcher(Mesh::Context(ROLE_SERVICE, "*", "promomats").get(), run, &ran);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(ran.delivered(), 1);

  pv1::IngestContentMetricsRequest ingest;
  ingest.set_crm_vault_id(connection.crm_vault_id());
  for (int i = 0; i < 2; ++i) {
    pv1::ContentMetric* m = ingest.add_metrics();
    m->set_metric_id("m" + std::to_string(i));
    m->set_document_id(created.document().document_id());
    m->set_slide_id("intro");
    m->set_times_shown_in_calls(2);
    m->set_slide_duration_seconds(10 + 10 * i);
    m->set_reaction(i == 0 ? pv1::REACTION_POSITIVE : pv1::REACTION_NEGATIVE);
    m->set_country(i == 0 ? "US" : "CA");
  }
  pv1::IngestContentMetricsResponse ingested;
  ASSERT_TRUE(stub_->IngestContentMetrics(Integration().get(), ingest, &ingested).ok());
  EXPECT_EQ(ingested.stored(), 2);

  pv1::GetContentMetricsRequest get;
  get.set_document_id(created.document().document_id());
  pv1::GetContentMetricsResponse metrics;
  ASSERT_TRUE(stub_->GetContentMetrics(Integration().get(), get, &metrics).ok());
  EXPECT_EQ(metrics.document().times_shown_in_calls(), 4);
  EXPECT_DOUBLE_EQ(metrics.document().total_duration_seconds(), 30);
  EXPECT_EQ(metrics.document().positive_reactions(), 1);
  EXPECT_EQ(metrics.document().negative_reactions(), 1);
  ASSERT_EQ(metrics.document().countries_size(), 2);
  EXPECT_EQ(metrics.document().countries(0), "CA");
  ASSERT_EQ(metrics.slides_size(), 1);
  EXPECT_EQ(metrics.slides(0).slide_id(), "intro");
  EXPECT_DOUBLE_EQ(metrics.slides(0).average_duration_seconds(), 15);

  // Attack review 6, finding 8: a slide the binder does not have, and a
  // document the CRM never received, are refused naming the field, and
  // nothing of the call is stored.
  ingest.mutable_metrics(1)->set_slide_id("made-up-slide");
  st = stub_->IngestContentMetrics(Integration().get(), ingest, &ingested);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << st.error_message();
  EXPECT_TRUE(Names(st, "metrics[1].slide_id")) << st.error_message();
  create.set_request_id("doc-2");
  create.mutable_document()->set_publish_for_crm_clm(false);
  pv1::CreateDocumentResponse unpublished;
  ASSERT_TRUE(stub_->CreateDocument(Integration().get(), create, &unpublished).ok());
  ingest.mutable_metrics(1)->set_slide_id("intro");
  ingest.mutable_metrics(1)->set_document_id(unpublished.document().document_id());
  st = stub_->IngestContentMetrics(Integration().get(), ingest, &ingested);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
  EXPECT_TRUE(Names(st, "metrics[1].document_id")) << st.error_message();
  ASSERT_TRUE(stub_->GetContentMetrics(Integration().get(), get, &metrics).ok());
  EXPECT_EQ(metrics.document().times_shown_in_calls(), 4);
}

}  // namespace
}  // namespace engage::testing
