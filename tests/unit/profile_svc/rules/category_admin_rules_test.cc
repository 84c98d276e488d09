// Retired categories and responses in the answers form and in saves, default
// changes and the list's page keys (issue 17 category administration).
#include <gtest/gtest.h>

#include "profile_svc/rules/category_rules.h"

namespace engage::profile {
namespace {

CategoryResponse Response(const std::string& code, bool is_default = false, bool retired = false) {
  CategoryResponse r;
  r.code = code;
  r.description = code + " label";
  r.is_default = is_default;
  r.retired = retired;
  return r;
}

Category Cat(const std::string& code, bool required, std::vector<CategoryResponse> responses,
             bool retired = false) {
  Category c;
  c.code = code;
  c.description = code + " question";
  c.required = required;
  c.responses = std::move(responses);
  c.retired = retired;
  return c;
}

const FormField* FieldOf(const std::vector<FormField>& form, const std::string& code) {
  for (const auto& f : form) {
    if (f.category_code == code) return &f;
  }
  return nullptr;
}

TEST(CAT02_Retired, ARetiredCategoryIsNotOfferedUnlessAnsweredThenReadsWithItsLabel) {
  const std::vector<Category> cats = {Cat("AGE", true, {Response("18"), Response("31")}, true)};
  EXPECT_TRUE(BuildForm(cats, {}).empty());
  auto form = BuildForm(cats, {{"AGE", "31"}});
  const FormField* f = FieldOf(form, "AGE");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->retired);
  EXPECT_FALSE(f->required);  // a retired category never blocks a save
  EXPECT_EQ(f->description, "AGE question");
  ASSERT_EQ(f->responses.size(), 1u);
  EXPECT_EQ(f->responses[0].description, "31 label");
  EXPECT_EQ(f->selected, "31");
}

TEST(CAT02_Retired, ARetiredResponseIsOfferedOnlyAsTheStoredAnswerAndNeverPrefilled) {
  const std::vector<Category> cats = {
      Cat("COLOR", false, {Response("RED", true, true), Response("BLUE")})};
  auto fresh = BuildForm(cats, {});
  ASSERT_EQ(fresh.size(), 1u);
  ASSERT_EQ(fresh[0].responses.size(), 1u);
  EXPECT_EQ(fresh[0].responses[0].code, "BLUE");
  EXPECT_FALSE(fresh[0].prefilled_default);  // the retired default is no default
  EXPECT_TRUE(fresh[0].offers_blank);
  auto answered = BuildForm(cats, {{"COLOR", "RED"}});
  ASSERT_EQ(answered[0].responses.size(), 2u);
  EXPECT_EQ(answered[0].responses[0].code, "RED");
  EXPECT_TRUE(answered[0].responses[0].retired);
  EXPECT_EQ(answered[0].selected, "RED");
}

TEST(CAT02_Retired, ACategoryWhoseResponsesAreAllRetiredIsNotOffered) {
  const std::vector<Category> cats = {Cat("HOME", true, {Response("Y", false, true)})};
  EXPECT_TRUE(BuildForm(cats, {}).empty());
  CategorySettings s;
  s.alternate_id_required = true;
  EXPECT_FALSE(FormIsDue(cats, {}, s, true));  // CAT-07: nothing offered, nothing due
}

TEST(CAT02_Retired, AnsweringARetiredCategoryOrResponseAnewIsFailedPrecondition) {
  const std::vector<Category> cats = {
      Cat("AGE", false, {Response("18"), Response("31")}, true),
      Cat("COLOR", false, {Response("RED", false, true), Response("BLUE")})};
  auto cat = ApplyAnswers(cats, {}, {{"AGE", "31"}});
  EXPECT_EQ(cat.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(cat.status()), "CAT-02");
  EXPECT_NE(cat.status().message().find("AGE"), std::string::npos);
  // Another answer to a retired category is new too.
  EXPECT_EQ(ApplyAnswers(cats, {{"AGE", "18"}}, {{"AGE", "31"}}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  auto response = ApplyAnswers(cats, {{"COLOR", "BLUE"}}, {{"COLOR", "RED"}});
  EXPECT_EQ(response.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(response.status().message().find("RED"), std::string::npos);
}

TEST(CAT02_Retired, TheStoredAnswerMayBeResubmittedOrClearedAndStaysOtherwise) {
  const std::vector<Category> cats = {
      Cat("AGE", true, {Response("18"), Response("31")}, true),
      Cat("COLOR", false, {Response("RED", false, true), Response("BLUE")})};
  const std::map<std::string, std::string> stored = {{"AGE", "31"}, {"COLOR", "RED"}};
  auto same = ApplyAnswers(cats, stored, {{"AGE", "31"}, {"COLOR", "RED"}});
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_EQ(*same, stored);
  auto untouched = ApplyAnswers(cats, stored, {});
  ASSERT_TRUE(untouched.ok());
  EXPECT_EQ(untouched->at("AGE"), "31");
  auto cleared = ApplyAnswers(cats, stored, {{"AGE", ""}});
  ASSERT_TRUE(cleared.ok()) << cleared.status();
  EXPECT_EQ(cleared->count("AGE"), 0u);
}

TEST(CAT05_Retired, ARetiredRequiredCategoryNoLongerBlocksASave) {
  const std::vector<Category> cats = {Cat("AGE", true, {Response("18")}, true),
                                      Cat("COLOR", false, {Response("BLUE")})};
  EXPECT_TRUE(ApplyAnswers(cats, {}, {{"COLOR", "BLUE"}}).ok());
}

TEST(CAT01_Edit, ADefaultChangeKeepsAtMostOneLiveDefault) {
  const Category c =
      Cat("COLOR", false, {Response("RED", true), Response("BLUE"), Response("OLD", true, true)});
  EXPECT_EQ(CheckDefaultChange(c, "BLUE").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckDefaultChange(c, "RED").ok());
  const Category retired_default =
      Cat("COLOR", false, {Response("OLD", true, true), Response("BLUE")});
  EXPECT_TRUE(CheckDefaultChange(retired_default, "BLUE").ok());
  auto retired = CheckDefaultChange(retired_default, "OLD");
  EXPECT_EQ(retired.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(retired), "CAT-01");
}

TEST(CAT01_Edit, PageKeysRoundTripAndRefuseOtherText) {
  Category c = Cat("AGE", false, {});
  c.position = 42;
  int position = -1;
  std::string code;
  ASSERT_TRUE(ParseCategoryPageKey(CategoryPageKey(c), &position, &code));
  EXPECT_EQ(position, 42);
  EXPECT_EQ(code, "AGE");
  for (const std::string bad : {"", "00042", "00042:", "0004x:AGE", "42:AGE", "-0042:AGE"}) {
    EXPECT_FALSE(ParseCategoryPageKey(bad, &position, &code)) << bad;
  }
}

TEST(CAT01_Edit, CodesAreLettersDigitsDashOrUnderscore) {
  FieldErrors ok;
  CategoryCode(ok, "category_code", "AGE_1-b");
  EXPECT_TRUE(ok.empty());
  for (const std::string& bad :
       {std::string(), std::string("A B"), std::string("A%"), std::string(65, 'A')}) {
    FieldErrors e;
    CategoryCode(e, "category_code", bad);
    EXPECT_FALSE(e.empty()) << bad;
  }
}

}  // namespace
}  // namespace engage::profile
