// ListUsers' filters and MoveUser's rule (issue 17 admin tasks).
#include "profile_svc/rules/user_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace engage::profile {
namespace {

TEST(PRF02_UserSearch, LikeWildcardsInAQueryMatchThemselves) {
  EXPECT_EQ(LikePrefix("sarah"), "sarah%");
  EXPECT_EQ(LikePrefix("a%b_c!"), "a!%b!_c!!%");
  // The backslash is no escape character here (NO_BACKSLASH_ESCAPES may be on).
  EXPECT_EQ(LikePrefix("a\\b"), "a\\b%");
  EXPECT_EQ(LikePrefix(""), "%");
}

TEST(PRF02_UserSearch, QueryLengthAndOrgAreValidatedNamingTheField) {
  FieldErrors ok;
  CheckUserFilter(ok, {"sa", "00D000000000001AAA", UserState::kActive});
  EXPECT_TRUE(ok.empty());
  FieldErrors long_query;
  CheckUserFilter(long_query, {std::string(kMaxUserQuery + 1, 'a'), "", UserState::kAny});
  ASSERT_FALSE(long_query.empty());
  EXPECT_EQ(FieldErrorsOf(long_query.ToStatus()).front().field, "query");
  FieldErrors bad_org;
  CheckUserFilter(bad_org, {"", "short", UserState::kAny});
  ASSERT_FALSE(bad_org.empty());
  EXPECT_EQ(FieldErrorsOf(bad_org.ToStatus()).front().field, "org_id");
  FieldErrors control;
  CheckUserFilter(control, {"a\nb", "", UserState::kAny});
  EXPECT_FALSE(control.empty());
}

TEST(PRF02_UserSearch, AOneLetterQueryIsRefusedNamingQuery) {
  FieldErrors one;
  CheckUserFilter(one, {"a", "", UserState::kAny});
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(FieldErrorsOf(one.ToStatus()).front().field, "query");
  EXPECT_EQ(one.ToStatus().code(), absl::StatusCode::kInvalidArgument);
  FieldErrors one_accented;  // two bytes, one character
  CheckUserFilter(one_accented, {"\xc3\xa9", "", UserState::kAny});
  EXPECT_FALSE(one_accented.empty());
  FieldErrors two, none;
  CheckUserFilter(two, {"ab", "", UserState::kAny});
  CheckUserFilter(none, {"", "", UserState::kAny});
  EXPECT_TRUE(two.empty());
  EXPECT_TRUE(none.empty());
}

TEST(PRF02_UserSearch, EveryFilterBindsItsOwnPageTokens) {
  const UserFilter base{"sa", "", UserState::kAny};
  EXPECT_EQ(UserFilterKey(base), UserFilterKey(base));
  EXPECT_NE(UserFilterKey(base), UserFilterKey({"sb", "", UserState::kAny}));
  EXPECT_NE(UserFilterKey(base), UserFilterKey({"sa", "00D000000000001AAA", UserState::kAny}));
  EXPECT_NE(UserFilterKey(base), UserFilterKey({"sa", "", UserState::kActive}));
  // No query spells another query plus an org.
  EXPECT_NE(UserFilterKey({"a\n", "", UserState::kAny}),
            UserFilterKey({"a", "\n", UserState::kAny}));
}

UserRecord FieldUser(const std::string& org) {
  UserRecord u;
  u.user_id = "U1";
  u.user_type = UserType::kFieldUser;
  u.org_id = org;
  return u;
}

TEST(PRF02_MoveUser, AFieldUserMovesToAnotherOrgOrIntoOneFromNone) {
  EXPECT_TRUE(CheckMove(FieldUser("00D000000000001AAA"), "00D000000000002AAA").ok());
  EXPECT_TRUE(CheckMove(FieldUser(""), "00D000000000002AAA").ok());
}

TEST(PRF02_MoveUser, MovingIntoTheSameOrgIsRefusedAsANoOp) {
  absl::Status st = CheckMove(FieldUser("00D000000000001AAA"), "00D000000000001AAA");
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(st), "ALREADY_IN_ORG");
}

TEST(PRF02_MoveUser, AnAdminUserDoesNotMove) {
  UserRecord admin = FieldUser("00D000000000001AAA");
  admin.user_type = UserType::kAdmin;
  absl::Status st = CheckMove(admin, "00D000000000002AAA");
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(st), "FIELD_USER_ONLY");
}

}  // namespace
}  // namespace engage::profile
