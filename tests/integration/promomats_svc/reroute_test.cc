// PMX-08 against a real MariaDB: a change of routing alone (a country
// filter, a connection added or removed, a Country record) re-routes the
// documents already out through the outbox, and the dispatcher delivers it.
#include <gtest/gtest.h>

#include <random>

#include "promomats_svc/dispatcher.h"
#include "promomats_svc/mysql_pmx_store.h"
#include "promomats_svc/mysql_target_vault.h"
#include "promomats_svc/mysql_vault_store.h"
#include "promomats_svc/rerouter.h"
#include "promomats_svc/rules/routing_rules.h"
#include "promomats_svc/rules/transfer_rules.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace engage::promomats {
namespace {

constexpr char kTenant[] = "verteo";

class RerouteTest : public ::testing::Test {
 protected:
  RerouteTest()
      : clock_(absl::FromUnixSeconds(1700000000)),
        ids_(clock_,
             [] {
               static std::mt19937_64 rng(7);
               return rng();
             }),
        vaults_(db_.pool()),
        store_(db_.pool()),
        target_(db_.pool(), clock_, ids_),
        dispatcher_(store_.deliveries(), target_, store_, clock_, ids_),
        rerouter_(store_, clock_, ids_) {}

  std::string Vault(const std::string& name, VaultKind kind, VaultType type) {
    auto v = vaults_.Register(
        kTenant, {name, "fp-" + name},
        {ids_.Next(), name, kind, type, engage::testing::UniqueName("v") + ".example.com"},
        clock_.Now());
    EXPECT_TRUE(v.ok()) << v.status();
    return v->vault_id;
  }

  Connection Connect(const std::string& pm, const std::string& crm) {
    auto pv = store_.GetVault(kTenant, pm);
    auto cv = store_.GetVault(kTenant, crm);
    auto c = store_.CreateConnection(kTenant, {"conn-" + crm, "fp-" + crm},
                                     {ids_.Next(), pm, crm, pv->type, cv->type}, clock_.Now());
    EXPECT_TRUE(c.ok()) << c.status();
    return *c;
  }

  void Filter(const Connection& c, const std::vector<std::string>& countries) {
    ASSERT_TRUE(
        store_.SetCountryFilter(kTenant, c.connection_id, Feature::kClm, countries, clock_.Now())
            .ok());
  }

  void Countries(const Connection& c, const std::vector<std::string>& codes) {
    TransferBatch batch;
    batch.request_id = ids_.Next();
    batch.request_hash = batch.request_id;
    batch.target_vault_id = c.promomats_vault_id;
    batch.object_type = ObjectType::kCountry;
    batch.crm_org = c.crm_vault_id;
    for (const auto& code : codes) {
      batch.records.push_back({code, "", code, "", {}});
      batch.failures.push_back("");
    }
    ASSERT_TRUE(store_
                    .ApplyTransfer(
                        kTenant, batch, FindMatch, [this] { return ids_.Next(); }, clock_.Now())
                    .ok());
  }

  Document Binder(const std::string& pm, const std::string& country) {
    return Create(NewBinder(pm, country));
  }

  // A CLM binder of `country`, not stored yet.
  Document NewBinder(const std::string& pm, const std::string& country) {
    Document d;
    d.document_id = ids_.Next();
    d.promomats_vault_id = pm;
    d.name = "Cholecap " + country;
    d.document_type = "CLM Presentation";
    d.country = country;
    d.lifecycle_state = LifecycleState::kSteady;
    d.feature = Feature::kClm;
    d.publish_for_crm_clm = true;
    d.slides = {{"s1", "Intro"}};
    d.version = 1;
    d.owner = "marketer";
    return d;
  }

  // Stores `d` as a new document, its deliveries queued.
  Document Create(const Document& d) {
    auto stored = store_.CreateDocument(
        kTenant, {"doc-" + d.document_id, "fp"}, d, PlanDeliveries, BuildCrossLink,
        [this] { return ids_.Next(); }, clock_.Now());
    EXPECT_TRUE(stored.ok()) << stored.status();
    return d;
  }

  // Re-routes what the changes marked and delivers the outbox.
  int RerouteAndDeliver() {
    auto queued = rerouter_.RunOnce(kTenant);
    EXPECT_TRUE(queued.ok()) << queued.status();
    EXPECT_TRUE(dispatcher_.RunOnce(kTenant).ok());
    EXPECT_EQ(*store_.PendingCount(kTenant), 0);
    return queued.ok() ? *queued : -1;
  }

  // Document id -> state of its CrossLink in `crm`.
  std::map<std::string, CrossLinkState> Links(const std::string& crm) {
    std::map<std::string, CrossLinkState> out;
    auto links = target_.List(kTenant, crm, "", 1000);
    EXPECT_TRUE(links.ok());
    for (const auto& l : *links) out[l.source_document_id] = l.state;
    return out;
  }
  bool Holds(const std::string& crm, const Document& doc) {
    auto links = Links(crm);
    auto it = links.find(doc.document_id);
    return it != links.end() && it->second == CrossLinkState::kActive;
  }

  // PromoMats with US/CA/MX, CRMs A {US} and B {US, CA}, a US and a CA binder, delivered.
  void SeedAndPublish() {
    pm_ = Vault("PromoMats", VaultKind::kPromoMats, VaultType::kProduction);
    crm_a_ = Vault("CRM A", VaultKind::kCrm, VaultType::kProduction);
    crm_b_ = Vault("CRM B", VaultKind::kCrm, VaultType::kProduction);
    a_ = Connect(pm_, crm_a_);
    b_ = Connect(pm_, crm_b_);
    Countries(a_, {"US", "CA", "MX"});
    Filter(a_, {"US"});
    Filter(b_, {"US", "CA"});
    us_ = Binder(pm_, "US");
    ca_ = Binder(pm_, "CA");
    RerouteAndDeliver();
    ASSERT_TRUE(Holds(crm_a_, us_) && Holds(crm_b_, us_) && Holds(crm_b_, ca_));
    ASSERT_FALSE(Holds(crm_a_, ca_));
  }

  testing::TestDatabase db_;
  FakeClock clock_;
  IdGenerator ids_;
  MysqlVaultStore vaults_;
  MysqlPmxStore store_;
  MysqlTargetVault target_;
  Dispatcher dispatcher_;
  Rerouter rerouter_;
  std::string pm_, crm_a_, crm_b_;
  Connection a_, b_;
  Document us_, ca_;
};

TEST_F(RerouteTest, PMX08_AFilterChangeAloneMovesTheCrossLinks) {
  SeedAndPublish();
  Filter(a_, {"CA"});  // A: US -> CA; no document changes
  EXPECT_EQ(RerouteAndDeliver(), 2);
  EXPECT_TRUE(Holds(crm_a_, ca_));
  EXPECT_EQ(Links(crm_a_).at(us_.document_id), CrossLinkState::kWithdrawn);
  EXPECT_TRUE(Holds(crm_b_, us_) && Holds(crm_b_, ca_));  // B untouched
  // Back again: the same version is published again where it was withdrawn.
  Filter(a_, {"US"});
  EXPECT_EQ(RerouteAndDeliver(), 2);
  EXPECT_TRUE(Holds(crm_a_, us_));
  EXPECT_EQ(Links(crm_a_).at(ca_.document_id), CrossLinkState::kWithdrawn);
  // PMX-13: the owner hears of each publish and withdrawal.
  auto notes = store_.ListNotifications(kTenant, "marketer", "", 100);
  EXPECT_EQ(notes->size(), 3u + 4u);
}

TEST_F(RerouteTest, PMX08_ARerouteWithNothingToChangeQueuesNothing) {
  SeedAndPublish();
  Filter(b_, {"CA", "US"});  // the same countries
  EXPECT_EQ(RerouteAndDeliver(), 0);
  EXPECT_EQ(RerouteAndDeliver(), 0);  // no mark left
}

TEST_F(RerouteTest, PMX08_AConnectionAddedGetsAndOneRemovedLosesTheDocuments) {
  SeedAndPublish();
  const std::string crm_d = Vault("CRM D", VaultKind::kCrm, VaultType::kProduction);
  Connection d = Connect(pm_, crm_d);
  EXPECT_EQ(RerouteAndDeliver(), 0);  // no settings yet: routed nothing
  Filter(d, {"CA"});
  EXPECT_EQ(RerouteAndDeliver(), 1);
  EXPECT_TRUE(Holds(crm_d, ca_));
  ASSERT_TRUE(store_.DeleteConnection(kTenant, b_.connection_id, clock_.Now()).ok());
  EXPECT_EQ(RerouteAndDeliver(), 2);
  EXPECT_EQ(Links(crm_b_).at(us_.document_id), CrossLinkState::kWithdrawn);
  EXPECT_EQ(Links(crm_b_).at(ca_.document_id), CrossLinkState::kWithdrawn);
  EXPECT_TRUE(Holds(crm_a_, us_));
  EXPECT_EQ(store_.DeleteConnection(kTenant, b_.connection_id, clock_.Now()).code(),
            absl::StatusCode::kNotFound);
}

TEST_F(RerouteTest, PMX08_ANewCountryRecordRoutesTheDocumentsOfThatCountry) {
  pm_ = Vault("PromoMats", VaultKind::kPromoMats, VaultType::kProduction);
  crm_a_ = Vault("CRM A", VaultKind::kCrm, VaultType::kProduction);
  a_ = Connect(pm_, crm_a_);
  Countries(a_, {"US"});
  Filter(a_, {"US", "MX"});  // MX is not a Country record of PromoMats yet
  Document mx = Binder(pm_, "MX");
  RerouteAndDeliver();
  EXPECT_FALSE(Holds(crm_a_, mx));
  Countries(a_, {"MX"});
  EXPECT_EQ(RerouteAndDeliver(), 1);
  EXPECT_TRUE(Holds(crm_a_, mx));
}

TEST_F(RerouteTest, SEC11_ACountryBatchThatChangesNoCodeMarksNoReroute) {
  pm_ = Vault("PromoMats", VaultKind::kPromoMats, VaultType::kProduction);
  crm_a_ = Vault("CRM A", VaultKind::kCrm, VaultType::kProduction);
  a_ = Connect(pm_, crm_a_);
  Countries(a_, {"US"});
  RerouteAndDeliver();
  ASSERT_TRUE(store_.TenantsWithReroutes()->empty());
  // The same Country again, as a new batch (attack review 6, finding 2): no
  // code changed, so no re-route of the whole vault is marked.
  Countries(a_, {"US"});
  EXPECT_TRUE(store_.TenantsWithReroutes()->empty());
  // A new Country does mark it (PMX-08).
  Countries(a_, {"US", "CA"});
  EXPECT_EQ(*store_.TenantsWithReroutes(), std::vector<std::string>{kTenant});
}

TEST_F(RerouteTest, PMX08_AMarkLeftByADeadProcessIsTakenByTheBackgroundRun) {
  SeedAndPublish();
  Filter(a_, {"CA"});  // committed; the process "dies" before re-routing
  rerouter_.RunAll();  // the background re-router's turn
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  EXPECT_TRUE(Holds(crm_a_, ca_));
  EXPECT_FALSE(Holds(crm_a_, us_));
  EXPECT_TRUE(store_.TenantsWithReroutes()->empty());
}

TEST_F(RerouteTest, PMX08_ADocumentChangeAndAReroutePendingTogetherAreDeliveredInOrder) {
  SeedAndPublish();
  // A change of the US binder is queued (not delivered), then A stops taking US.
  ASSERT_TRUE(store_
                  .UpdateDocument(
                      kTenant, us_.document_id,
                      [](Document& d) {
                        d.description = "v2";
                        ++d.version;
                        return absl::OkStatus();
                      },
                      PlanDeliveries, BuildCrossLink, [this] { return ids_.Next(); }, clock_.Now())
                  .ok());
  Filter(a_, {"CA"});
  ASSERT_TRUE(rerouter_.RunOnce(kTenant).ok());
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  EXPECT_EQ(Links(crm_a_).at(us_.document_id), CrossLinkState::kWithdrawn);
  EXPECT_TRUE(Holds(crm_b_, us_));
}

TEST_F(RerouteTest, PMX08_PMX10_ADocumentTypeAddedToTheGroupIsPublishedAndOneTakenOutWithdrawn) {
  pm_ = Vault("PromoMats", VaultKind::kPromoMats, VaultType::kProduction);
  crm_a_ = Vault("CRM A", VaultKind::kCrm, VaultType::kProduction);
  a_ = Connect(pm_, crm_a_);
  Countries(a_, {"US"});
  ASSERT_TRUE(store_
                  .SetCountryFilter(kTenant, a_.connection_id, Feature::kDocumentTransfer, {"US"},
                                    clock_.Now())
                  .ok());
  Document leave_behind = NewBinder(pm_, "US");
  leave_behind.feature = Feature::kDocumentTransfer;
  leave_behind.document_type = "Leave Behind";
  Create(leave_behind);
  RerouteAndDeliver();
  EXPECT_FALSE(Holds(crm_a_, leave_behind));  // not a configured document type yet
  ASSERT_TRUE(store_.SetTransferConfig(kTenant, pm_, {{"Leave Behind"}, {}}, clock_.Now()).ok());
  EXPECT_EQ(RerouteAndDeliver(), 1);
  EXPECT_TRUE(Holds(crm_a_, leave_behind));
  ASSERT_TRUE(store_.SetTransferConfig(kTenant, pm_, {{"Fax Template"}, {}}, clock_.Now()).ok());
  EXPECT_EQ(RerouteAndDeliver(), 1);
  EXPECT_EQ(Links(crm_a_).at(leave_behind.document_id), CrossLinkState::kWithdrawn);
}

TEST_F(RerouteTest, PMX08_AVaultOfManyDocumentsIsReroutedChunkByChunkAndOnlyOnce) {
  SeedAndPublish();
  std::vector<Document> more;
  for (int i = 0; i < 250; ++i) more.push_back(Binder(pm_, "US"));  // past one chunk (200)
  RerouteAndDeliver();
  Filter(b_, {"CA"});  // B drops US: 251 US documents withdrawn from B
  auto queued = rerouter_.RunOnce(kTenant);
  ASSERT_TRUE(queued.ok()) << queued.status();
  EXPECT_EQ(*queued, 251);
  // The mark is cleared; a run over the same routing again queues nothing.
  Filter(b_, {"CA"});
  EXPECT_EQ(*rerouter_.RunOnce(kTenant), 0);
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  auto in_b = Links(crm_b_);
  for (const auto& d : more) EXPECT_EQ(in_b.at(d.document_id), CrossLinkState::kWithdrawn);
  EXPECT_TRUE(Holds(crm_b_, ca_));
  EXPECT_TRUE(Holds(crm_a_, more.back()));
}

TEST_F(RerouteTest, PMX06_ASandboxPromoMatsIsNeverReroutedIntoAProductionCrm) {
  pm_ = Vault("PromoMats sandbox", VaultKind::kPromoMats, VaultType::kSandbox);
  crm_a_ = Vault("CRM prod", VaultKind::kCrm, VaultType::kProduction);
  crm_b_ = Vault("CRM sandbox", VaultKind::kCrm, VaultType::kSandbox);
  a_ = Connect(pm_, crm_a_);
  b_ = Connect(pm_, crm_b_);
  Countries(b_, {"US"});
  Document us = Binder(pm_, "US");
  RerouteAndDeliver();
  Filter(a_, {"US"});
  Filter(b_, {"US"});
  EXPECT_EQ(RerouteAndDeliver(), 1);
  EXPECT_TRUE(Links(crm_a_).empty());
  EXPECT_TRUE(Holds(crm_b_, us));
}

}  // namespace
}  // namespace engage::promomats
