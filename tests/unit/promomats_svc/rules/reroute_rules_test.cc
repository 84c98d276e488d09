// PMX-08: what a change of routing itself does to a document already out.
#include "promomats_svc/rules/reroute_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace engage::promomats {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

Document Binder(const std::string& country) {
  Document d;
  d.document_id = "D1";
  d.promomats_vault_id = "PM";
  d.name = "Cholecap binder";
  d.country = country;
  d.feature = Feature::kClm;
  d.publish_for_crm_clm = true;
  d.lifecycle_state = LifecycleState::kSteady;
  d.version = 3;
  d.slides = {{"s1", "Intro"}};
  return d;
}

// Seed 003's three CRMs (C a sandbox), with `published` holding the document.
RoutingInputs Routing(std::set<std::string> published) {
  RoutingInputs in;
  in.promomats_countries = {"US", "CA", "MX"};
  in.crms = {{"c1", "A", VaultType::kProduction, true, {"US"}},
             {"c2", "B", VaultType::kProduction, true, {"US", "CA"}},
             {"c3", "C", VaultType::kSandbox, true, {"MX", "CA"}}};
  in.published_to = std::move(published);
  return in;
}

// "A+" a publish to A, "B-" a withdrawal from B.
std::vector<std::string> Plan(const Document& doc, const RoutingInputs& in) {
  std::vector<std::string> out;
  for (const auto& p : ReroutePlan(doc, in)) {
    out.push_back(p.target_vault_id + (p.action == DeliveryAction::kPublish ? "+" : "-"));
  }
  return out;
}

TEST(PMX08_Reroute, NothingChangesWhereTheDocumentIsAlreadyRouted) {
  // No document change: the CRMs holding it get no up-version.
  EXPECT_THAT(Plan(Binder("US"), Routing({"A", "B"})), IsEmpty());
  EXPECT_THAT(Plan(Binder("GLOBAL"), Routing({"A", "B", "C"})), IsEmpty());
}

TEST(PMX08_Reroute, ACountryAddedToAFilterPublishesThere) {
  RoutingInputs in = Routing({"A", "B"});
  in.crms[2].country_filter.push_back("US");  // CRM C now takes US
  EXPECT_THAT(Plan(Binder("US"), in), UnorderedElementsAre("C+"));
}

TEST(PMX08_Reroute, ACountryRemovedFromAFilterWithdrawsThere) {
  RoutingInputs in = Routing({"A", "B"});
  in.crms[1].country_filter = {"CA"};  // CRM B drops US
  EXPECT_THAT(Plan(Binder("US"), in), UnorderedElementsAre("B-"));
}

TEST(PMX08_Reroute, ANewConnectionGetsWhatIsRoutedToIt) {
  RoutingInputs in = Routing({"A", "B"});
  in.crms.push_back({"c4", "D", VaultType::kProduction, true, {"US"}});
  EXPECT_THAT(Plan(Binder("US"), in), UnorderedElementsAre("D+"));
  // A new connection without settings yet is routed nothing.
  in.crms.back().has_settings = false;
  EXPECT_THAT(Plan(Binder("US"), in), IsEmpty());
}

TEST(PMX08_Reroute, ARemovedConnectionsCrmIsWithdrawnFrom) {
  RoutingInputs in = Routing({"A", "B"});
  in.crms.erase(in.crms.begin());  // CRM A's connection removed
  EXPECT_THAT(Plan(Binder("US"), in), UnorderedElementsAre("A-"));
}

TEST(PMX08_Reroute, ANewCountryRecordRoutesWhatItsFiltersAlreadyNamed) {
  RoutingInputs in = Routing({});
  in.promomats_countries.erase("MX");
  EXPECT_THAT(Plan(Binder("MX"), in), IsEmpty());
  in.promomats_countries.insert("MX");  // the Country record arrives from CRM
  EXPECT_THAT(Plan(Binder("MX"), in), UnorderedElementsAre("C+"));
}

TEST(PMX08_Reroute, ADocumentNotPublishableIsWithdrawnWhereverItIs) {
  Document obsolete = Binder("US");
  obsolete.lifecycle_state = LifecycleState::kObsolete;
  EXPECT_THAT(Plan(obsolete, Routing({"A", "B"})), UnorderedElementsAre("A-", "B-"));
  EXPECT_THAT(Plan(obsolete, Routing({})), IsEmpty());
}

TEST(PMX08_Reroute, PMX06_ASandboxPromoMatsIsNeverReroutedIntoProduction) {
  RoutingInputs in = Routing({});
  in.promomats_type = VaultType::kSandbox;
  in.crms[2].country_filter.push_back("US");
  // Only the sandbox CRM C may be written; production A and B get nothing.
  EXPECT_THAT(Plan(Binder("US"), in), UnorderedElementsAre("C+"));
  EXPECT_THAT(Plan(Binder("GLOBAL"), in), UnorderedElementsAre("C+"));
}

TEST(PMX08_Reroute, AWithdrawalQueuedAndThenRoutedAgainPublishesAgain) {
  // published_to holds CRMs whose latest queued delivery is a publish: B's
  // latest was a withdrawal, and B is routed again.
  EXPECT_THAT(Plan(Binder("US"), Routing({"A"})), UnorderedElementsAre("B+"));
}

}  // namespace
}  // namespace engage::promomats
