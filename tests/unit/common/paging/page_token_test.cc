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

}  // namespace
}  // namespace engage::paging
