// Idempotency keys of PromoMats creates, through the gateway (attack review 5,
// finding 9): a request_id replays only the same request of the same caller;
// another request, or another caller, under a used key is ALREADY_EXISTS.
#include <gtest/gtest.h>

#include "tests/e2e/promomats_svc/pmx_e2e_fixture.h"
#include "tests/support/request_keys.h"

namespace engage::testing {
namespace {

using namespace engage::promomats::v1;  // NOLINT: test brevity
using engage::common::v1::Role;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_INTEGRATION;

class RequestKeysE2e : public PmxE2eFixture</*kDispatchMs=*/0> {
 protected:
  ContextFn As(Role role, const std::string& subject) {
    return [this, role, subject] { return Mesh::Context(role, tenant_, subject); };
  }
};

TEST_F(RequestKeysE2e, SEC01_Ownership_RegisterVaultKeyIsBoundToCallerAndRequest) {
  RegisterVaultRequest first;
  first.set_request_id("v1");
  first.set_name("PromoMats");
  first.set_kind(VAULT_KIND_PROMOMATS);
  first.set_type(VAULT_TYPE_PRODUCTION);
  first.set_domain("verteo.example.com");
  RegisterVaultRequest other = first;
  other.set_name("Another vault");
  ExpectKeyBoundToCallerAndRequest<RegisterVaultRequest, RegisterVaultResponse>(
      [&](auto* c, const auto& r, auto* out) { return stub_->RegisterVault(c, r, out); }, first,
      other, As(ROLE_ADMIN, "admin"), As(ROLE_INTEGRATION, "vault-sync"),
      [](const RegisterVaultResponse& r) { return r.vault().vault_id(); });
  ListVaultsRequest list;
  ListVaultsResponse vaults;
  ASSERT_TRUE(stub_->ListVaults(Admin().get(), list, &vaults).ok());
  ASSERT_EQ(vaults.vaults_size(), 1);
  EXPECT_EQ(vaults.vaults(0).name(), "PromoMats");
}

TEST_F(RequestKeysE2e, SEC01_Ownership_CreateConnectionKeyIsBoundToCallerAndRequest) {
  const std::string pm = Vault("PromoMats", VAULT_KIND_PROMOMATS, VAULT_TYPE_PRODUCTION);
  const std::string crm = Vault("CRM", VAULT_KIND_CRM, VAULT_TYPE_PRODUCTION);
  const std::string crm2 = Vault("CRM 2", VAULT_KIND_CRM, VAULT_TYPE_PRODUCTION);
  CreateConnectionRequest first;
  first.set_request_id("c1");
  first.set_promomats_vault_id(pm);
  first.set_crm_vault_id(crm);
  CreateConnectionRequest other = first;
  other.set_crm_vault_id(crm2);
  ExpectKeyBoundToCallerAndRequest<CreateConnectionRequest, CreateConnectionResponse>(
      [&](auto* c, const auto& r, auto* out) { return stub_->CreateConnection(c, r, out); }, first,
      other, As(ROLE_ADMIN, "admin"), As(ROLE_ADMIN, "admin-2"),
      [](const CreateConnectionResponse& r) { return r.connection().connection_id(); });
  ListConnectionsRequest list;
  ListConnectionsResponse connections;
  ASSERT_TRUE(stub_->ListConnections(Admin().get(), list, &connections).ok());
  ASSERT_EQ(connections.connections_size(), 1);
  EXPECT_EQ(connections.connections(0).crm_vault_id(), crm);
}

TEST_F(RequestKeysE2e, SEC01_Ownership_CreateDocumentKeyIsBoundToCallerAndRequest) {
  const std::string pm = Vault("PromoMats", VAULT_KIND_PROMOMATS, VAULT_TYPE_PRODUCTION);
  CreateDocumentRequest first;
  first.set_request_id("d1");
  Document* d = first.mutable_document();
  d->set_promomats_vault_id(pm);
  d->set_name("Cholecap binder");
  d->set_description("first");
  d->set_publish_for_crm_clm(true);
  d->set_document_type("CLM Presentation");
  d->set_country("US");
  d->set_lifecycle_state(LIFECYCLE_STATE_STEADY);
  d->set_feature(FEATURE_CLM);
  d->add_slides()->set_slide_id("intro");
  (*d->mutable_metadata())["a"] = "1";
  (*d->mutable_metadata())["b"] = "2";
  CreateDocumentRequest other = first;
  other.mutable_document()->set_name("Another binder");
  // The attack of the review: an INTEGRATION caller reusing an ADMIN's key got
  // the ADMIN's document, and its own was silently not made.
  std::string first_id;
  ExpectKeyBoundToCallerAndRequest<CreateDocumentRequest, CreateDocumentResponse>(
      [&](auto* c, const auto& r, auto* out) { return stub_->CreateDocument(c, r, out); }, first,
      other, As(ROLE_ADMIN, "admin"), As(ROLE_INTEGRATION, "marketer"),
      [&](const CreateDocumentResponse& r) {
        first_id = r.document().document_id();
        return first_id;
      });
  GetDocumentRequest get;
  get.set_document_id(first_id);
  GetDocumentResponse got;
  ASSERT_TRUE(stub_->GetDocument(Admin().get(), get, &got).ok());
  EXPECT_EQ(got.document().name(), "Cholecap binder");
  EXPECT_EQ(got.document().owner(), "admin");
}

TEST_F(RequestKeysE2e, PMX05_TransferKeyIsBoundToCallerAndRequest) {
  const std::string pm = Vault("PromoMats", VAULT_KIND_PROMOMATS, VAULT_TYPE_PRODUCTION);
  const std::string crm = Vault("CRM", VAULT_KIND_CRM, VAULT_TYPE_PRODUCTION);
  TransferRecordsRequest first;
  first.set_request_id("t1");
  first.set_connection_id(Connect(pm, crm));
  first.set_direction(DIRECTION_CRM_TO_PROMOMATS);
  first.set_object_type(OBJECT_TYPE_PRODUCT);
  auto* r = first.add_records();
  r->set_name("Cholecap");
  r->set_crm_id("a01");
  (*r->mutable_fields())["x"] = "1";
  (*r->mutable_fields())["y"] = "2";
  TransferRecordsRequest other = first;
  other.mutable_records(0)->set_name("Restolar");
  ExpectKeyBoundToCallerAndRequest<TransferRecordsRequest, TransferRecordsResponse>(
      [&](auto* c, const auto& q, auto* out) { return stub_->TransferRecords(c, q, out); }, first,
      other, As(ROLE_INTEGRATION, "crm-sync"), As(ROLE_ADMIN, "admin"),
      [](const TransferRecordsResponse& q) {
        return q.results_size() == 1 ? q.results(0).record_id() : "";
      });
}

}  // namespace
}  // namespace engage::testing
