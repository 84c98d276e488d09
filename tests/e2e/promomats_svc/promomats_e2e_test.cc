// Seed 003 end to end through the gateway: three CRMs, a US document and a
// Global document; the CrossLinks land exactly where the seed says.
#include <gtest/gtest.h>

#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "tests/e2e/promomats_svc/pmx_e2e_fixture.h"

namespace engage::testing {
namespace {

using namespace engage::promomats::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_INTEGRATION;
using engage::common::v1::ROLE_SERVICE;

class PromoMatsE2eTest : public PmxE2eFixture</*kDispatchMs=*/0> {
 protected:
  // Tests run the dispatcher themselves, deterministically.
  RunDispatcherResponse Dispatch() {
    auto internal = PromoMatsInternalService::NewStub(mesh_->Channel("promomats"));
    RunDispatcherRequest req;
    req.set_tenant_id(tenant_);
    RunDispatcherResponse resp;
    auto st =
        internal->RunDispatcher(Mesh::Context(ROLE_SERVICE, "*", "promomats").get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return resp;
  }

  std::map<std::string, CrossLink> Links(const std::string& crm) {
    ListCrossLinksRequest req;
    req.set_crm_vault_id(crm);
    ListCrossLinksResponse resp;
    auto st = stub_->ListCrossLinks(Admin().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    std::map<std::string, CrossLink> out;
    for (const auto& l : resp.cross_links()) out[l.source_document_id()] = l;
    return out;
  }
};

TEST_F(PromoMatsE2eTest, PMX07_PMX08_SeedThreeCrmExampleThroughTheGateway) {
  const std::string pm = Vault("PromoMats", VAULT_KIND_PROMOMATS, VAULT_TYPE_PRODUCTION);
  const std::string a = Vault("CRM A", VAULT_KIND_CRM, VAULT_TYPE_PRODUCTION);
  const std::string b = Vault("CRM B", VAULT_KIND_CRM, VAULT_TYPE_PRODUCTION);
  const std::string c = Vault("CRM C", VAULT_KIND_CRM, VAULT_TYPE_SANDBOX);
  const std::string ca = Connect(pm, a), cb = Connect(pm, b), cc = Connect(pm, c);

  // The Country records reach PromoMats from CRM (PMX-02).
  TransferRecordsRequest countries;
  countries.set_request_id("countries");
  countries.set_connection_id(ca);
  countries.set_direction(DIRECTION_CRM_TO_PROMOMATS);
  countries.set_object_type(OBJECT_TYPE_COUNTRY);
  for (auto [name, code] : {std::pair{"United States", "US"}, {"Canada", "CA"}, {"Mexico", "MX"}}) {
    auto* r = countries.add_records();
    r->set_name(name);
    r->set_external_id(code);
  }
  TransferRecordsResponse transferred;
  ASSERT_TRUE(stub_->TransferRecords(Admin().get(), countries, &transferred).ok());
  ASSERT_EQ(transferred.results_size(), 3);
  EXPECT_EQ(transferred.results(0).outcome(), RECORD_OUTCOME_CREATED);

  Filter(ca, {"US"});
  Filter(cb, {"US", "CA"});
  Filter(cc, {"MX", "CA"});
  ListConnectionCountriesRequest list_req;
  ListConnectionCountriesResponse list;
  ASSERT_TRUE(stub_->ListConnectionCountries(Admin().get(), list_req, &list).ok());
  std::map<std::string, std::set<std::string>> per_crm;
  for (const auto& r : list.connection_countries()) per_crm[r.crm_vault_id()].insert(r.country());
  EXPECT_EQ(per_crm[a], (std::set<std::string>{"US", "GLOBAL"}));
  EXPECT_EQ(per_crm[b], (std::set<std::string>{"US", "CA", "GLOBAL"}));
  EXPECT_EQ(per_crm[c], (std::set<std::string>{"MX", "CA", "GLOBAL"}));

  Document doc_a = Binder(pm, "US");
  Document doc_b = Binder(pm, "GLOBAL");
  EXPECT_EQ(Dispatch().delivered(), 5);
  EXPECT_EQ(Links(a).size(), 2u);
  EXPECT_EQ(Links(b).size(), 2u);
  auto in_c = Links(c);
  EXPECT_EQ(in_c.size(), 1u);
  EXPECT_EQ(in_c.count(doc_b.document_id()), 1u);

  // Document A gets a new description: CRM A and CRM B only.
  UpdateDocumentRequest update;
  update.mutable_document()->set_document_id(doc_a.document_id());
  update.mutable_document()->set_description("new description");
  update.mutable_document()->set_etag(doc_a.etag());
  update.mutable_update_mask()->add_paths("description");
  UpdateDocumentResponse updated;
  auto st = stub_->UpdateDocument(Mesh::Context(ROLE_INTEGRATION, tenant_, "marketer").get(),
                                  update, &updated);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(updated.document().version(), 2);
  EXPECT_EQ(Dispatch().delivered(), 2);
  for (const auto& crm : {a, b}) {
    auto link = Links(crm).at(doc_a.document_id());
    EXPECT_EQ(link.description(), "new description");
    EXPECT_EQ(link.source_version(), 2);
    EXPECT_EQ(link.applied_changes(), 2);
  }
  EXPECT_EQ(Links(c).count(doc_a.document_id()), 0u);

  // A stale etag changes nothing.
  grpc::Status stale = stub_->UpdateDocument(
      Mesh::Context(ROLE_INTEGRATION, tenant_, "marketer").get(), update, &updated);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::FAILED_PRECONDITION);

  // PMX-13: the owner sees the publishes.
  ListNotificationsRequest notes_req;
  ListNotificationsResponse notes;
  ASSERT_TRUE(stub_
                  ->ListNotifications(Mesh::Context(ROLE_INTEGRATION, tenant_, "marketer").get(),
                                      notes_req, &notes)
                  .ok());
  EXPECT_EQ(notes.notifications_size(), 7);

  // Another tenant sees none of it.
  ListCrossLinksRequest other;
  other.set_crm_vault_id(a);
  ListCrossLinksResponse other_resp;
  EXPECT_EQ(stub_
                ->ListCrossLinks(Mesh::Context(ROLE_ADMIN, UniqueName("other"), "admin").get(),
                                 other, &other_resp)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(PromoMatsE2eTest, PMX06_SandboxCrmNeverWritesIntoProductionPromoMats) {
  const std::string pm = Vault("PromoMats", VAULT_KIND_PROMOMATS, VAULT_TYPE_PRODUCTION);
  const std::string sandbox = Vault("CRM sandbox", VAULT_KIND_CRM, VAULT_TYPE_SANDBOX);
  const std::string conn = Connect(pm, sandbox);
  TransferRecordsRequest req;
  req.set_request_id("r1");
  req.set_connection_id(conn);
  req.set_direction(DIRECTION_CRM_TO_PROMOMATS);
  req.set_object_type(OBJECT_TYPE_PRODUCT);
  auto* r = req.add_records();
  r->set_name("Robert'); DROP TABLE pmx_records;--");
  r->set_crm_id("a01");
  TransferRecordsResponse resp;
  EXPECT_EQ(stub_->TransferRecords(Admin().get(), req, &resp).error_code(),
            grpc::StatusCode::FAILED_PRECONDITION);
  // Production PromoMats into the sandbox CRM is allowed (cross domain).
  req.set_direction(DIRECTION_PROMOMATS_TO_CRM);
  req.set_object_type(OBJECT_TYPE_INDICATION);
  ASSERT_TRUE(stub_->TransferRecords(Admin().get(), req, &resp).ok());
  ListRecordsRequest list;
  list.set_vault_id(sandbox);
  list.set_object_type(OBJECT_TYPE_INDICATION);
  ListRecordsResponse records;
  ASSERT_TRUE(stub_->ListRecords(Admin().get(), list, &records).ok());
  ASSERT_EQ(records.records_size(), 1);
  EXPECT_EQ(records.records(0).name(), "Robert'); DROP TABLE pmx_records;--");
  // A type that moves the other way is refused naming object_type (PMX-03).
  req.set_request_id("r2");
  req.set_object_type(OBJECT_TYPE_SURVEY);
  EXPECT_EQ(stub_->TransferRecords(Admin().get(), req, &resp).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(PromoMatsE2eTest, PMX12_MetricsFromCrmQueriedPerDocumentAndSlide) {
  const std::string pm = Vault("PromoMats", VAULT_KIND_PROMOMATS, VAULT_TYPE_PRODUCTION);
  const std::string crm = Vault("CRM", VAULT_KIND_CRM, VAULT_TYPE_PRODUCTION);
  Filter(Connect(pm, crm), {});  // CLM content, Global only
  Document doc = Binder(pm, "GLOBAL");
  ASSERT_EQ(Dispatch().delivered(), 1);  // metrics come only for what the CRM holds
  IngestContentMetricsRequest ingest;
  ingest.set_crm_vault_id(crm);
  for (int i = 0; i < 2; ++i) {
    auto* m = ingest.add_metrics();
    m->set_metric_id("m" + std::to_string(i));
    m->set_document_id(doc.document_id());
    m->set_slide_id("intro");
    m->set_times_shown_in_calls(2);
    m->set_slide_duration_seconds(10 + 10 * i);
    m->set_country("US");
  }
  IngestContentMetricsResponse ingested;
  ASSERT_TRUE(stub_
                  ->IngestContentMetrics(Mesh::Context(ROLE_INTEGRATION, tenant_, "crm").get(),
                                         ingest, &ingested)
                  .ok());
  GetContentMetricsRequest get;
  get.set_document_id(doc.document_id());
  GetContentMetricsResponse metrics;
  ASSERT_TRUE(stub_->GetContentMetrics(Admin().get(), get, &metrics).ok());
  EXPECT_EQ(metrics.document().times_shown_in_calls(), 4);
  ASSERT_EQ(metrics.slides_size(), 1);
  EXPECT_DOUBLE_EQ(metrics.slides(0).average_duration_seconds(), 15);
}

TEST_F(PromoMatsE2eTest, PMX12_ContentMetricsRecordsOfTransferRecordsReachTheMetrics) {
  const std::string pm = Vault("PromoMats", VAULT_KIND_PROMOMATS, VAULT_TYPE_PRODUCTION);
  const std::string crm = Vault("CRM", VAULT_KIND_CRM, VAULT_TYPE_PRODUCTION);
  const std::string connection = Connect(pm, crm);
  Filter(connection, {});  // CLM content, Global only
  Document doc = Binder(pm, "GLOBAL");
  ASSERT_EQ(Dispatch().delivered(), 1);  // metrics come only for what the CRM holds
  // Another PromoMats vault's document: never a target of this connection.
  const std::string other_pm =
      Vault("Other PromoMats", VAULT_KIND_PROMOMATS, VAULT_TYPE_PRODUCTION);
  Document other = Binder(other_pm, "CA");
  TransferRecordsRequest req;
  req.set_request_id("metrics-1");
  req.set_connection_id(connection);
  req.set_direction(DIRECTION_CRM_TO_PROMOMATS);
  req.set_object_type(OBJECT_TYPE_CLM_CONTENT_METRICS);
  auto add = [&](const std::string& crm_id, const std::string& document_id,
                 std::map<std::string, std::string> fields) {
    auto* r = req.add_records();
    r->set_name("Call metrics " + crm_id);
    r->set_crm_id(crm_id);
    fields["document_id"] = document_id;
    for (const auto& [k, v] : fields) (*r->mutable_fields())[k] = v;
  };
  add("a0X1", doc.document_id(),
      {{"slide_id", "intro"},
       {"times_shown_in_calls", "3"},
       {"slide_duration_seconds", "12.5"},
       {"times_sent_as_link", "4"},
       {"link_clicks", "1"},
       {"reaction", "POSITIVE"},
       {"country", "US"}});
  add("a0X2", doc.document_id(), {{"slide_id", "intro"}, {"times_shown_in_calls", "-1"}});
  add("a0X3", other.document_id(), {{"times_shown_in_calls", "5"}});
  // Attack review 6, finding 8: only a slide of the binder the CRM holds.
  add("a0X4", doc.document_id(), {{"slide_id", "not-a-slide"}, {"times_shown_in_calls", "7"}});
  TransferRecordsResponse resp;
  const auto crm_caller = [&] { return Mesh::Context(ROLE_INTEGRATION, tenant_, "crm"); };
  grpc::Status st = stub_->TransferRecords(crm_caller().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(resp.results_size(), 4);
  EXPECT_EQ(resp.results(3).outcome(), RECORD_OUTCOME_FAILED);
  EXPECT_NE(resp.results(3).reason().find("fields.slide_id"), std::string::npos)
      << resp.results(3).reason();
  EXPECT_EQ(resp.results(0).outcome(), RECORD_OUTCOME_CREATED);
  EXPECT_EQ(resp.results(1).outcome(), RECORD_OUTCOME_FAILED);
  EXPECT_NE(resp.results(1).reason().find("fields.times_shown_in_calls"), std::string::npos)
      << resp.results(1).reason();
  EXPECT_EQ(resp.results(2).outcome(), RECORD_OUTCOME_FAILED);
  EXPECT_NE(resp.results(2).reason().find("PMX-12"), std::string::npos) << resp.results(2).reason();

  // PMX-05: the same batch again, and the same record in a new batch, leave
  // the state of once.
  st = stub_->TransferRecords(crm_caller().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  req.set_request_id("metrics-2");
  st = stub_->TransferRecords(crm_caller().get(), req, &resp);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(resp.results(0).outcome(), RECORD_OUTCOME_UPDATED);

  GetContentMetricsRequest get;
  get.set_document_id(doc.document_id());
  GetContentMetricsResponse metrics;
  ASSERT_TRUE(stub_->GetContentMetrics(Admin().get(), get, &metrics).ok());
  EXPECT_EQ(metrics.document().times_shown_in_calls(), 3);
  EXPECT_EQ(metrics.document().times_sent_as_link(), 4);
  EXPECT_DOUBLE_EQ(metrics.document().link_click_rate(), 0.25);
  EXPECT_EQ(metrics.document().positive_reactions(), 1);
  ASSERT_EQ(metrics.slides_size(), 1);
  EXPECT_EQ(metrics.slides(0).slide_id(), "intro");
  EXPECT_DOUBLE_EQ(metrics.slides(0).total_duration_seconds(), 12.5);
  get.set_document_id(other.document_id());
  ASSERT_TRUE(stub_->GetContentMetrics(Admin().get(), get, &metrics).ok());
  EXPECT_EQ(metrics.document().times_shown_in_calls(), 0);
  // Another tenant's caller reaches nothing of this tenant.
  req.set_request_id("metrics-3");
  st = stub_->TransferRecords(Mesh::Context(ROLE_INTEGRATION, "other-tenant", "crm").get(), req,
                              &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND) << st.error_message();
}

TEST_F(PromoMatsE2eTest, PMX01_ConnectionNeedsAPromoMatsAndACrmVaultOnePromoMatsServesMany) {
  const std::string pm = Vault("PromoMats", VAULT_KIND_PROMOMATS, VAULT_TYPE_PRODUCTION);
  const std::string a = Vault("CRM A", VAULT_KIND_CRM, VAULT_TYPE_PRODUCTION);
  const std::string b = Vault("CRM B", VAULT_KIND_CRM, VAULT_TYPE_SANDBOX);
  EXPECT_FALSE(Connect(pm, a).empty());
  EXPECT_FALSE(Connect(pm, b).empty());
  CreateConnectionRequest wrong;
  wrong.set_request_id("wrong");
  wrong.set_promomats_vault_id(a);
  wrong.set_crm_vault_id(b);
  CreateConnectionResponse resp;
  grpc::Status st = stub_->CreateConnection(Admin().get(), wrong, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("promomats_vault_id"), std::string::npos) << st.error_message();
  ListConnectionsRequest list;
  ListConnectionsResponse connections;
  ASSERT_TRUE(stub_->ListConnections(Admin().get(), list, &connections).ok());
  EXPECT_EQ(connections.connections_size(), 2);
}

TEST_F(PromoMatsE2eTest, BadInputNamesTheField) {
  CreateDocumentRequest req;
  req.set_request_id("r");
  req.mutable_document()->set_name(std::string(201, 'n'));
  CreateDocumentResponse resp;
  grpc::Status st = stub_->CreateDocument(Admin().get(), req, &resp);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("document.name"), std::string::npos) << st.error_message();
  ListRecordsRequest list;
  list.set_page_size(-1);
  list.set_page_token("garbage");
  ListRecordsResponse records;
  st = stub_->ListRecords(Admin().get(), list, &records);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("page_size"), std::string::npos) << st.error_message();
}

}  // namespace
}  // namespace engage::testing
