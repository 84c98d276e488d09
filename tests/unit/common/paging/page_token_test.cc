#include "common/paging/page_token.h"

#include <gtest/gtest.h>

namespace engage::paging {
namespace {

TEST(PageTokenTest, RoundTripsTheLastKey) {
  FieldErrors errors;
  Page page = ParsePage(errors, 10, MakePageToken("01ABC", 7), 7);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(page.size, 10);
  EXPECT_EQ(page.after_key, "01ABC");
}

TEST(PageTokenTest, ZeroMeansDefaultAndBoundsAreEnforced) {
  FieldErrors errors;
  EXPECT_EQ(ParsePage(errors, 0, "", 1).size, kDefaultPageSize);
  EXPECT_TRUE(errors.empty());
  ParsePage(errors, -1, "", 1);
  ParsePage(errors, 1000000000, "", 1);
  auto fields = FieldErrorsOf(errors.ToStatus());
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].field, "page_size");
  EXPECT_EQ(fields[1].field, "page_size");
}

TEST(PageTokenTest, MalformedOrForeignTokensAreRefused) {
  FieldErrors errors;
  ParsePage(errors, 0, "not-a-token!!", 1);
  ParsePage(errors, 0, MakePageToken("k", 1), 2);
  auto fields = FieldErrorsOf(errors.ToStatus());
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].field, "page_token");
  EXPECT_NE(fields[1].description.find("different query"), std::string::npos);
}

TEST(CutToPageTest, OneMoreThanThePageIsCutAndContinuesAfterTheLastKept) {
  Page page;
  page.size = 2;
  std::vector<std::string> items = {"a", "b", "c"};
  const std::string token = CutToPage(items, page, 7, [](const std::string& s) { return s; });
  EXPECT_EQ(items, (std::vector<std::string>{"a", "b"}));
  FieldErrors errors;
  EXPECT_EQ(ParsePage(errors, 2, token, 7).after_key, "b");
  EXPECT_TRUE(errors.empty());
}

TEST(CutToPageTest, ThePageOrLessIsTheLastPage) {
  Page page;
  page.size = 2;
  for (std::vector<std::string> items :
       {std::vector<std::string>{}, {"a"}, std::vector<std::string>{"a", "b"}}) {
    const std::vector<std::string> before = items;
    EXPECT_EQ(CutToPage(items, page, 7, [](const std::string& s) { return s; }), "");
    EXPECT_EQ(items, before);
  }
}

}  // namespace
}  // namespace engage::paging
