// Country routing and what a document change delivers.
#include "promomats_svc/rules/routing_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {
namespace {

// The rules take domain values (rules/pmx_model.h); these tests speak the
// contract's messages, mapped as the handlers map them (pmx_mapping).
bool Publishable(const v1::Document& doc, const TransferConfig& config) {
  return promomats::Publishable(FromProto(doc), config);
}
v1::CrossLink BuildCrossLink(const v1::Document& doc, const TransferConfig& config) {
  return ToProto(promomats::BuildCrossLink(FromProto(doc), config));
}
std::vector<PlannedDelivery> PlanDeliveries(const v1::Document& doc, const RoutingInputs& in) {
  return promomats::PlanDeliveries(FromProto(doc), in);
}

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

const std::set<std::string> kPromoMatsCountries = {"US", "CA", "MX", "FR"};

TEST(RoutingRules, PMX07_SeedThreeCrmExampleYieldsConnectionCountries) {
  EXPECT_THAT(ConnectionCountries({"US"}, kPromoMatsCountries), ElementsAre("US", "GLOBAL"));
  EXPECT_THAT(ConnectionCountries({"US", "CA"}, kPromoMatsCountries),
              ElementsAre("CA", "US", "GLOBAL"));
  EXPECT_THAT(ConnectionCountries({"MX", "CA"}, kPromoMatsCountries),
              ElementsAre("CA", "MX", "GLOBAL"));
}

TEST(RoutingRules, PMX07_CountryMissingInPromoMatsYieldsNoRecord) {
  EXPECT_THAT(ConnectionCountries({"US", "DE"}, kPromoMatsCountries), ElementsAre("US", "GLOBAL"));
  EXPECT_THAT(ConnectionCountries({}, kPromoMatsCountries), ElementsAre("GLOBAL"));
}

v1::Document Doc(const std::string& country) {
  v1::Document d;
  d.set_document_id("D1");
  d.set_promomats_vault_id("PM");
  d.set_name("Doc");
  d.set_country(country);
  d.set_feature(v1::FEATURE_CLM);
  d.set_publish_for_crm_clm(true);
  d.set_lifecycle_state(v1::LIFECYCLE_STATE_STEADY);
  d.set_version(1);
  d.add_slides()->set_slide_id("s1");
  return d;
}

RoutingInputs SeedExample() {
  RoutingInputs in;
  in.promomats_countries = kPromoMatsCountries;
  in.crms = {{"c1", "CRM_A", VaultType::kProduction, true, {"US"}},
             {"c2", "CRM_B", VaultType::kProduction, true, {"US", "CA"}},
             {"c3", "CRM_C", VaultType::kProduction, true, {"MX", "CA"}}};
  return in;
}

std::vector<std::string> Targets(const std::vector<PlannedDelivery>& planned, DeliveryAction a) {
  std::vector<std::string> out;
  for (const auto& p : planned) {
    if (p.action == a) out.push_back(p.target_vault_id);
  }
  return out;
}

TEST(RoutingRules, PMX08_UsDocumentGoesToCrmAAndBGlobalToAll) {
  auto us = PlanDeliveries(Doc("US"), SeedExample());
  EXPECT_THAT(Targets(us, DeliveryAction::kPublish), UnorderedElementsAre("CRM_A", "CRM_B"));
  auto global = PlanDeliveries(Doc("GLOBAL"), SeedExample());
  EXPECT_THAT(Targets(global, DeliveryAction::kPublish),
              UnorderedElementsAre("CRM_A", "CRM_B", "CRM_C"));
  EXPECT_TRUE(PlanDeliveries(Doc("FR"), SeedExample()).empty());
}

TEST(RoutingRules, PMX08_CrmWithoutSettingsForTheFeatureGetsNothing) {
  RoutingInputs in = SeedExample();
  in.crms[2].has_settings = false;
  EXPECT_THAT(Targets(PlanDeliveries(Doc("GLOBAL"), in), DeliveryAction::kPublish),
              UnorderedElementsAre("CRM_A", "CRM_B"));
}

TEST(RoutingRules, PMX06_SandboxPromoMatsNeverPublishesIntoProductionCrm) {
  RoutingInputs in = SeedExample();
  in.promomats_type = VaultType::kSandbox;
  in.crms[1].type = VaultType::kSandbox;
  EXPECT_THAT(Targets(PlanDeliveries(Doc("US"), in), DeliveryAction::kPublish),
              ElementsAre("CRM_B"));
}

TEST(RoutingRules, PMX09_ClmPublishedWhenFlagYesWithdrawnWhenNoOrObsolete) {
  TransferConfig none;
  v1::Document d = Doc("US");
  EXPECT_TRUE(Publishable(d, none));
  d.set_publish_for_crm_clm(false);
  EXPECT_FALSE(Publishable(d, none));
  d.set_publish_for_crm_clm(true);
  d.set_lifecycle_state(v1::LIFECYCLE_STATE_OBSOLETE);
  EXPECT_FALSE(Publishable(d, none));

  RoutingInputs in = SeedExample();
  in.published_to = {"CRM_A", "CRM_B"};
  auto planned = PlanDeliveries(d, in);
  EXPECT_THAT(Targets(planned, DeliveryAction::kWithdraw), UnorderedElementsAre("CRM_A", "CRM_B"));
  EXPECT_TRUE(Targets(planned, DeliveryAction::kPublish).empty());
}

TEST(RoutingRules, PMX09_NeverPublishedDocumentWithdrawsNothing) {
  v1::Document d = Doc("US");
  d.set_publish_for_crm_clm(false);
  EXPECT_TRUE(PlanDeliveries(d, SeedExample()).empty());
}

TEST(RoutingRules, PMX08_CountryChangeWithdrawsFromCrmsNoLongerRouted) {
  RoutingInputs in = SeedExample();
  in.published_to = {"CRM_A", "CRM_B"};
  auto planned = PlanDeliveries(Doc("MX"), in);
  EXPECT_THAT(Targets(planned, DeliveryAction::kPublish), ElementsAre("CRM_C"));
  EXPECT_THAT(Targets(planned, DeliveryAction::kWithdraw), UnorderedElementsAre("CRM_A", "CRM_B"));
}

TEST(RoutingRules, PMX10_DocumentTransferOfConfiguredTypesCopiesConfiguredMetadata) {
  TransferConfig config{{"Promotional Piece"}, {"brand", "audience"}};
  v1::Document d = Doc("US");
  d.set_feature(v1::FEATURE_DOCUMENT_TRANSFER);
  d.set_document_type("Promotional Piece");
  d.set_lifecycle_state(v1::LIFECYCLE_STATE_NON_STEADY);
  d.set_publish_for_crm_fax(true);
  d.set_version(3);
  (*d.mutable_metadata())["brand"] = "Cholecap";
  (*d.mutable_metadata())["internal_note"] = "not for CRM";
  EXPECT_TRUE(Publishable(d, config));
  v1::CrossLink link = BuildCrossLink(d, config);
  EXPECT_EQ(link.source_document_id(), "D1");
  EXPECT_EQ(link.source_version(), 3);
  EXPECT_TRUE(link.fax_template());
  EXPECT_EQ(link.metadata().size(), 1u);
  EXPECT_EQ(link.metadata().at("brand"), "Cholecap");
  d.set_document_type("Internal Memo");
  EXPECT_FALSE(Publishable(d, config));
}

TEST(RoutingRules, PMX11_ApprovedEmailSteadyAndNonSteadyArePublishedWithRenditions) {
  TransferConfig none;
  v1::Document d = Doc("US");
  d.set_feature(v1::FEATURE_APPROVED_EMAIL);
  d.set_email_kind(v1::EMAIL_KIND_TEMPLATE_FRAGMENT);
  d.add_renditions("viewable.pdf");
  for (auto state : {v1::LIFECYCLE_STATE_STEADY, v1::LIFECYCLE_STATE_NON_STEADY}) {
    d.set_lifecycle_state(state);
    EXPECT_TRUE(Publishable(d, none));
  }
  v1::CrossLink link = BuildCrossLink(d, none);
  EXPECT_EQ(link.email_kind(), v1::EMAIL_KIND_TEMPLATE_FRAGMENT);
  ASSERT_EQ(link.renditions_size(), 1);
  d.set_lifecycle_state(v1::LIFECYCLE_STATE_OBSOLETE);
  EXPECT_FALSE(Publishable(d, none));
}

}  // namespace
}  // namespace engage::promomats
