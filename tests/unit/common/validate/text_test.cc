#include "common/validate/text.h"

#include <gtest/gtest.h>

namespace engage::validate {
namespace {

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("Müller 日本 😀"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(TextTest, TextChecksLengthInCharactersAndNamesTheField) {
  FieldErrors errors;
  Text(errors, "title", "日本", 1, 2);
  EXPECT_TRUE(errors.empty());
  Text(errors, "title", "日本語", 1, 2);
  Text(errors, "name", "", 1, 10);
  Text(errors, "phone", "a\x01", 0, 10);
  Text(errors, "bio", "\xFF", 0, 10);
  auto fields = FieldErrorsOf(errors.ToStatus());
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].field, "title");
  EXPECT_EQ(fields[1].field, "name");
  EXPECT_EQ(fields[1].description, "is required");
  EXPECT_EQ(fields[2].description, "must not contain control characters");
  EXPECT_EQ(fields[3].description, "must be valid UTF-8");
}

TEST(TextTest, EmailCountryIdUrl) {
  FieldErrors errors;
  Email(errors, "a", "sarah@acme.com");
  CountryCode(errors, "b", "US");
  OptionalUrl(errors, "c", "");
  OptionalUrl(errors, "d", "https://cdn.example.com/p.png");
  EXPECT_TRUE(errors.empty());
  Email(errors, "email", "sarah@acme");
  Email(errors, "email2", "a@b@c.com");
  CountryCode(errors, "country", "us");
  Id(errors, "profile_id", "1; DROP TABLE profiles");
  OptionalUrl(errors, "photo_url", "javascript:alert(1)");
  EXPECT_EQ(FieldErrorsOf(errors.ToStatus()).size(), 5u);
}

}  // namespace
}  // namespace engage::validate
