#include "profile_svc/rules/account_rules.h"

#include <gtest/gtest.h>

#include <map>

#include "absl/strings/str_cat.h"
#include "profile_svc/rules/feed_cursor.h"

namespace engage::profile {
namespace {

WinnerOf FromMap(const std::map<std::string, std::string>& merges) {
  return [merges](const std::string& a) -> absl::StatusOr<std::optional<std::string>> {
    auto it = merges.find(a);
    if (it == merges.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  };
}

TEST(AccountRules, PRF10_UnmergedAccountResolvesToItself) {
  EXPECT_EQ(*ResolveMergeChain("A", FromMap({})), "A");
}

TEST(AccountRules, PRF10_ChainOfMergesResolvesToTheLastWinner) {
  EXPECT_EQ(*ResolveMergeChain("A", FromMap({{"A", "B"}, {"B", "C"}, {"C", "D"}})), "D");
  EXPECT_EQ(*ResolveMergeChain("C", FromMap({{"A", "B"}, {"B", "C"}, {"C", "D"}})), "D");
}

TEST(AccountRules, PRF10_CycleIsDetectedNotLoopedForever) {
  auto r = ResolveMergeChain("A", FromMap({{"A", "B"}, {"B", "A"}}));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInternal);
}

TEST(AccountRules, PRF10_AChainPastTheBoundIsFailedPreconditionNamingTheRule) {
  std::map<std::string, std::string> chain;
  for (int i = 0; i < kMaxMergeHops + 5; ++i) {
    chain[absl::StrCat("A", i)] = absl::StrCat("A", i + 1);
  }
  auto r = ResolveMergeChain("A0", FromMap(chain));
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(r.status()), "PRF-10");
  EXPECT_NE(r.status().message().find("PRF-10"), std::string::npos);
  EXPECT_EQ(*ResolveMergeChain("A10", FromMap(chain)), absl::StrCat("A", kMaxMergeHops + 5));
}

TEST(AccountRules, PRF10_MergeIntoItsOwnWinnerIsRefused) {
  EXPECT_EQ(CheckMerge("C", "C").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(CheckMerge("A", "C").ok());
}

TEST(AccountRules, OrgIdIsEighteenLettersOrDigits) {
  for (const std::string bad :
       {"", "00D", "00D000000000001AA!", "00D000000000001AAAA", "00D00000000001'; --"}) {
    FieldErrors e;
    OrgId(e, "org_id", bad);
    EXPECT_FALSE(e.empty()) << bad;
  }
  FieldErrors ok;
  OrgId(ok, "org_id", "00D000000000001AAA");
  EXPECT_TRUE(ok.empty());
}

TEST(FeedCursor, MalformedCursorAndPageSizeAreViolations) {
  for (const std::string bad : {"x", "-1", "1e3", "9999999999999999999999"}) {
    FieldErrors e;
    ParseFeedCursor(e, "after_cursor", bad);
    EXPECT_FALSE(e.empty()) << bad;
  }
  FieldErrors ok;
  EXPECT_EQ(ParseFeedCursor(ok, "after_cursor", "42"), 42);
  EXPECT_EQ(ParseFeedCursor(ok, "after_cursor", ""), 0);
  EXPECT_EQ(FeedPageSize(ok, "page_size", 0), kDefaultFeedPage);
  EXPECT_TRUE(ok.empty());
  for (int bad : {-1, 1000000000}) {
    FieldErrors e;
    FeedPageSize(e, "page_size", bad);
    EXPECT_FALSE(e.empty()) << bad;
  }
}

}  // namespace
}  // namespace engage::profile
