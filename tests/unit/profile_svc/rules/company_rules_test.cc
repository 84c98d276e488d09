#include "profile_svc/rules/company_rules.h"

#include <gtest/gtest.h>

#include "profile_svc/rules/category_rules.h"

namespace engage::profile {
namespace {

TEST(BrandingRules, PRF05_HexColourWithoutHashSixDigits) {
  for (const std::string bad : {"#00FF00", "00FF0", "00FF000", "GGGGGG", "00 F00", "'; --"}) {
    FieldErrors e;
    HexColor(e, "branding.primary_color", bad, false);
    ASSERT_FALSE(e.empty()) << bad;
    EXPECT_EQ(FieldErrorsOf(e.ToStatus()).front().field, "branding.primary_color");
  }
  FieldErrors ok;
  HexColor(ok, "c", "00a3E0", false);
  HexColor(ok, "c", "", true);
  EXPECT_TRUE(ok.empty());
  FieldErrors required;
  HexColor(required, "c", "", false);
  EXPECT_FALSE(required.empty());
}

TEST(GroupRules, PRF08_MemberMustBeActiveAndCompleteMissingFieldsNamed) {
  MemberCandidate ok{true, "Sarah", "Jones", "s@x.example", "US", 1};
  EXPECT_TRUE(CheckGroupMember(ok).ok());
  MemberCandidate bad = ok;
  bad.active = false;
  bad.country.clear();
  absl::Status st = CheckGroupMember(bad);
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(st.message()).find("country"), std::string::npos);
  EXPECT_NE(std::string(st.message()).find("active"), std::string::npos);
  EXPECT_EQ(ReasonOf(st), "PRF-08");
}

TEST(GroupRules, PRF07_MedicationNamesAreValidatedAndUnique) {
  FieldErrors e;
  Medications(e, "group.medications", {"Cholecap", "", "Cholecap"});
  EXPECT_EQ(FieldErrorsOf(e.ToStatus()).size(), 2u);
}

const std::vector<Category> kCats = {
    {"AGE", "Age", true, {{"18-30", "18 to 30", false}, {"31+", "31 and over", false}}},
    {"COLOR", "Favourite colour", false, {{"RED", "Red", true}, {"BLUE", "Blue", false}}},
    {"HOME", "Homeowner", false, {{"Y", "Yes", false}, {"N", "No", false}}},
    {"EMPTY", "No responses yet", true, {}},
};

TEST(CategoryRules, CAT01_AtMostOneDefaultResponse) {
  EXPECT_EQ(CheckNewResponse(kCats[1], {"GREEN", "Green", true}).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckNewResponse(kCats[1], {"GREEN", "Green", false}).ok());
  EXPECT_TRUE(CheckNewResponse(kCats[2], {"MAYBE", "Maybe", true}).ok());
}

TEST(CategoryRules, CAT02_OnlyCategoriesWithResponsesAreOffered) {
  auto form = BuildForm(kCats, {});
  ASSERT_EQ(form.size(), 3u);
  for (const auto& f : form) EXPECT_NE(f.category_code, "EMPTY");
}

TEST(CategoryRules, CAT03_DefaultIsPrefilledUntilAnswered) {
  auto form = BuildForm(kCats, {});
  EXPECT_EQ(form[1].selected, "RED");
  EXPECT_TRUE(form[1].prefilled_default);
  auto answered = BuildForm(kCats, {{"COLOR", "BLUE"}});
  EXPECT_EQ(answered[1].selected, "BLUE");
  EXPECT_FALSE(answered[1].prefilled_default);
}

TEST(CategoryRules, CAT04_BlankOfferedOnlyWhenNotRequiredAndNoDefault) {
  auto form = BuildForm(kCats, {});
  EXPECT_FALSE(form[0].offers_blank);  // required
  EXPECT_FALSE(form[1].offers_blank);  // has a default
  EXPECT_TRUE(form[2].offers_blank);
}

TEST(CategoryRules, CAT05_RequiredCategoryLeftUnansweredIsRefusedNamingIt) {
  auto refused = ApplyAnswers(kCats, {}, {{"COLOR", "BLUE"}});
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldErrorsOf(refused.status()).front().field, "answers[AGE]");
  auto ok = ApplyAnswers(kCats, {}, {{"AGE", "31+"}, {"HOME", ""}});
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->at("AGE"), "31+");
  EXPECT_EQ(ApplyAnswers(kCats, {{"AGE", "31+"}}, {{"COLOR", ""}}).status().code(),
            absl::StatusCode::kInvalidArgument);  // no blank where a default exists
  EXPECT_EQ(ApplyAnswers(kCats, {{"AGE", "31+"}}, {{"AGE", "99"}}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(CategoryRules, CAT06_EventsOnlyForInteractWithSendProfileData) {
  CategorySettings s;
  EXPECT_FALSE(SendsProfileData(s));
  s.sync_mode = CategorySettings::SyncMode::kInteract;
  EXPECT_FALSE(SendsProfileData(s));
  s.send_profile_data = true;
  EXPECT_TRUE(SendsProfileData(s));
  s.sync_mode = CategorySettings::SyncMode::kNone;
  EXPECT_FALSE(SendsProfileData(s));
}

TEST(CategoryRules, CAT07_FormDueOnlyWhenAllFourConditionsHold) {
  CategorySettings s;
  s.alternate_id_required = true;
  EXPECT_TRUE(FormIsDue(kCats, {}, s, true));
  EXPECT_FALSE(FormIsDue(kCats, {}, s, false));               // no alternate id
  EXPECT_FALSE(FormIsDue(kCats, {{"AGE", "31+"}}, s, true));  // required answered
  EXPECT_FALSE(FormIsDue({kCats[3]}, {}, s, true));           // no category with responses
  s.alternate_id_required = false;
  EXPECT_FALSE(FormIsDue(kCats, {}, s, true));
}

}  // namespace
}  // namespace engage::profile
