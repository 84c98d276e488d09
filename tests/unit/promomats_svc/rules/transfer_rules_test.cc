// Record transfer rules: object types per direction, the sandbox guard, matching.
#include "promomats_svc/rules/transfer_rules.h"

#include <gtest/gtest.h>

#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {
namespace {

// The rules take domain values (rules/pmx_model.h); these tests speak the
// contract's enumerations and messages, mapped as the handlers map them.
bool ObjectTypeMoves(v1::Direction direction, v1::ObjectType type) {
  return promomats::ObjectTypeMoves(FromProto(direction), FromProto(type));
}
std::string RecordFailure(v1::ObjectType type, const v1::TransferRecord& record) {
  return promomats::RecordFailure(FromProto(type), FromProto(record));
}

using v1::DIRECTION_CRM_TO_PROMOMATS;
using v1::DIRECTION_PROMOMATS_TO_CRM;

TEST(TransferRules, PMX02_CrmRecordTypesMoveIntoPromoMatsOnly) {
  for (auto t : {v1::OBJECT_TYPE_PRODUCT, v1::OBJECT_TYPE_PRODUCT_GROUP,
                 v1::OBJECT_TYPE_DETAIL_GROUP, v1::OBJECT_TYPE_CONTENT_GROUP,
                 v1::OBJECT_TYPE_SURVEY, v1::OBJECT_TYPE_DIRECTORY, v1::OBJECT_TYPE_CONTENT_TYPE,
                 v1::OBJECT_TYPE_EVENT_TOPIC, v1::OBJECT_TYPE_EVENT_CONFIGURATION,
                 v1::OBJECT_TYPE_COUNTRY, v1::OBJECT_TYPE_CLM_CONTENT_METRICS}) {
    EXPECT_TRUE(ObjectTypeMoves(DIRECTION_CRM_TO_PROMOMATS, t)) << t;
    EXPECT_FALSE(ObjectTypeMoves(DIRECTION_PROMOMATS_TO_CRM, t)) << t;
  }
}

TEST(TransferRules, PMX03_PromoMatsRecordTypesMoveIntoCrmOnly) {
  for (auto t : {v1::OBJECT_TYPE_PRODUCT_FAMILY, v1::OBJECT_TYPE_BRAND_PRODUCT,
                 v1::OBJECT_TYPE_INDICATION, v1::OBJECT_TYPE_EMAIL_TEMPLATE,
                 v1::OBJECT_TYPE_EMAIL_FRAGMENT, v1::OBJECT_TYPE_TEMPLATE_FRAGMENT}) {
    EXPECT_TRUE(ObjectTypeMoves(DIRECTION_PROMOMATS_TO_CRM, t)) << t;
    EXPECT_FALSE(ObjectTypeMoves(DIRECTION_CRM_TO_PROMOMATS, t)) << t;
  }
  EXPECT_FALSE(ObjectTypeMoves(DIRECTION_PROMOMATS_TO_CRM, v1::OBJECT_TYPE_UNSPECIFIED));
}

TEST(TransferRules, PMX06_SandboxNeverWritesIntoProduction) {
  EXPECT_FALSE(MayWrite(VaultType::kSandbox, VaultType::kProduction));
  EXPECT_TRUE(MayWrite(VaultType::kProduction, VaultType::kSandbox));
  EXPECT_TRUE(MayWrite(VaultType::kProduction, VaultType::kProduction));
  EXPECT_TRUE(MayWrite(VaultType::kSandbox, VaultType::kSandbox));
}

TEST(TransferRules, PMX04_MatchesOnLinkThenExternalIdThenCrmOrgAndId) {
  RecordKeys existing{"Cholecap", "orgA", "a01", "EXT-1", "LINK-1"};
  EXPECT_TRUE(Matches({"Other name", "orgB", "", "", "LINK-1"}, existing));
  // Both have links and they differ: the link decides, even with the same external id.
  EXPECT_FALSE(Matches({"Cholecap", "orgA", "", "EXT-1", "LINK-2"}, existing));
  // Blank link on arrival: the external id is used.
  EXPECT_TRUE(Matches({"x", "orgB", "", "EXT-1", ""}, existing));
  // Blank link on the existing record: the external id is used.
  EXPECT_TRUE(Matches({"x", "orgB", "", "EXT-1", "LINK-9"}, {"y", "orgA", "", "EXT-1", ""}));
  EXPECT_TRUE(Matches({"x", "orgA", "a01", "", ""}, existing));
}

TEST(TransferRules, PMX04_SameNameOtherKeysIsANewRecord) {
  RecordKeys existing{"Cholecap", "orgA", "a01", "EXT-1", ""};
  EXPECT_FALSE(Matches({"Cholecap", "orgA", "a02", "EXT-2", ""}, existing));
  std::vector<StoredRecord> stored = {{"r1", existing}};
  EXPECT_FALSE(FindMatch({"Cholecap", "orgA", "a02", "EXT-2", ""}, stored).has_value());
  auto found = FindMatch({"Renamed", "orgA", "", "EXT-1", ""}, stored);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->record_id, "r1");
}

TEST(TransferRules, PMX14_SameCrmIdFromAnotherOrgDoesNotOverwrite) {
  RecordKeys from_a{"Cholecap", "orgA", "a01", "", ""};
  EXPECT_FALSE(Matches({"Cholecap", "orgB", "a01", "", ""}, from_a));
  EXPECT_TRUE(Matches({"Cholecap", "orgA", "a01", "", ""}, from_a));
}

TEST(TransferRules, PMX04_RecordWithoutAnyKeyFailsAndCountryNeedsIsoCode) {
  v1::TransferRecord r;
  r.set_name("No keys");
  EXPECT_NE(RecordFailure(v1::OBJECT_TYPE_PRODUCT, r), "");
  r.set_crm_id("a01");
  EXPECT_EQ(RecordFailure(v1::OBJECT_TYPE_PRODUCT, r), "");
  r.set_external_id("usa");
  EXPECT_NE(RecordFailure(v1::OBJECT_TYPE_COUNTRY, r), "");
  r.set_external_id("US");
  EXPECT_EQ(RecordFailure(v1::OBJECT_TYPE_COUNTRY, r), "");
}

}  // namespace
}  // namespace engage::promomats
