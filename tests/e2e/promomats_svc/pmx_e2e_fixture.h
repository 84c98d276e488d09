#ifndef ENGAGE_TESTS_E2E_PROMOMATS_SVC_PMX_E2E_FIXTURE_H_
#define ENGAGE_TESTS_E2E_PROMOMATS_SVC_PMX_E2E_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {

// The mesh of a PromoMats e2e suite, started once per suite, with the outbox
// dispatcher running every `kDispatchMs` milliseconds (0: never on its own;
// the test runs it with RunDispatcher), and the calls the suites share. Each
// test has a tenant of its own.
template <int kDispatchMs>
class PmxE2eFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Mesh::Options options;
    options.env["promomats"] = {{"ENGAGE_DISPATCH_INTERVAL_MS", std::to_string(kDispatchMs)}};
    mesh_ = new Mesh(options);
  }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }

  void SetUp() override {
    tenant_ = UniqueName("pmx");
    stub_ = promomats::v1::PromoMatsService::NewStub(mesh_->Channel());
  }

  std::unique_ptr<grpc::ClientContext> Admin() {
    return Mesh::Context(common::v1::ROLE_ADMIN, tenant_, "admin");
  }

  std::string Vault(const std::string& name, promomats::v1::VaultKind kind,
                    promomats::v1::VaultType type) {
    promomats::v1::RegisterVaultRequest req;
    req.set_request_id(name);
    req.set_name(name);
    req.set_kind(kind);
    req.set_type(type);
    req.set_domain(UniqueName("vault-") + ".example.com");  // one CRM vault per domain (PMX-06)
    promomats::v1::RegisterVaultResponse resp;
    auto st = stub_->RegisterVault(Admin().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return resp.vault().vault_id();
  }

  std::string Connect(const std::string& pm, const std::string& crm) {
    promomats::v1::CreateConnectionRequest req;
    req.set_request_id("c-" + crm);
    req.set_promomats_vault_id(pm);
    req.set_crm_vault_id(crm);
    promomats::v1::CreateConnectionResponse resp;
    auto st = stub_->CreateConnection(Admin().get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return resp.connection().connection_id();
  }

  void Filter(const std::string& connection, std::vector<std::string> countries) {
    promomats::v1::UpdateConnectionSettingsRequest req;
    req.set_connection_id(connection);
    req.set_feature(promomats::v1::FEATURE_CLM);
    for (const auto& c : countries) req.add_country_filter(c);
    promomats::v1::UpdateConnectionSettingsResponse resp;
    auto st = stub_->UpdateConnectionSettings(Admin().get(), req, &resp);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  promomats::v1::Document Binder(const std::string& pm, const std::string& country) {
    promomats::v1::CreateDocumentRequest req;
    req.set_request_id("doc-" + country);
    promomats::v1::Document* d = req.mutable_document();
    d->set_promomats_vault_id(pm);
    d->set_name("Cholecap binder " + country);
    d->set_description("first");
    d->set_document_type("CLM Presentation");
    d->set_country(country);
    d->set_lifecycle_state(promomats::v1::LIFECYCLE_STATE_STEADY);
    d->set_feature(promomats::v1::FEATURE_CLM);
    d->set_publish_for_crm_clm(true);
    d->add_slides()->set_slide_id("intro");
    promomats::v1::CreateDocumentResponse resp;
    auto st = stub_->CreateDocument(
        Mesh::Context(common::v1::ROLE_INTEGRATION, tenant_, "marketer").get(), req, &resp);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return resp.document();
  }

  static inline Mesh* mesh_ = nullptr;
  std::string tenant_;
  std::unique_ptr<promomats::v1::PromoMatsService::Stub> stub_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_E2E_PROMOMATS_SVC_PMX_E2E_FIXTURE_H_
