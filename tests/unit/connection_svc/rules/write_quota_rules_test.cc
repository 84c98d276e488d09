// SEC-11: the daily caps of what one low-privilege caller may have written.
#include "connection_svc/rules/write_quota_rules.h"

#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "common/status/errors.h"

namespace engage::connection {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1700000000);

TEST(SEC11_DailyCap, UpToTheCapPasses) {
  EXPECT_TRUE(CheckDailyCap({1, kNow}, 3, "things", kNow).ok());
  EXPECT_TRUE(CheckDailyCap({3, kNow - absl::Hours(5)}, 3, "things", kNow).ok());
}

TEST(SEC11_DailyCap, PastTheCapIsResourceExhaustedNamingTheRuleAndWhen) {
  const absl::Status st =
      CheckDailyCap({4, kNow - absl::Hours(20)}, 3, "e-mail invites from one inviter", kNow);
  EXPECT_TRUE(absl::IsResourceExhausted(st)) << st;
  EXPECT_EQ(ReasonOf(st), "SEC-11");
  EXPECT_EQ(st.message(),
            "SEC-11: at most 3 e-mail invites from one inviter per 24 hours; try again in 4h");
}

TEST(SEC11_DailyCap, TheWaitIsAtLeastASecond) {
  // The oldest counted row leaves the window now (or the clock moved back).
  const absl::Status st = CheckDailyCap({2, kNow - absl::Hours(30)}, 1, "x", kNow);
  EXPECT_TRUE(absl::IsResourceExhausted(st)) << st;
  EXPECT_TRUE(absl::StrContains(st.message(), "try again in 1s")) << st;
}

}  // namespace
}  // namespace engage::connection
