#include "profile_svc/rules/indicator_rules.h"

#include <gtest/gtest.h>

#include "common/status/errors.h"

namespace engage::profile {
namespace {

auth::Identity As(auth::Role role) { return auth::Identity("sub", role, "acme"); }

TEST(PRF09_IndicatorViewer, AFieldUserSeesTheirOwnConnectionStatus) {
  EXPECT_EQ(*IndicatorViewer(As(auth::kFieldUser), "", "own"), "own");
  EXPECT_EQ(*IndicatorViewer(As(auth::kFieldUser), "own", "own"), "own");
}

TEST(PRF09_IndicatorViewer, AFieldUserAskingForAnothersStatusIsPermissionDenied) {
  auto viewer = IndicatorViewer(As(auth::kFieldUser), "other", "own");
  ASSERT_FALSE(viewer.ok());
  EXPECT_EQ(viewer.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(viewer.status()), "PRF-09");
}

TEST(PRF09_IndicatorViewer, AnAdminSeesTheFieldUserTheyNameOrNone) {
  EXPECT_EQ(*IndicatorViewer(As(auth::kAdmin), "sarah", ""), "sarah");
  EXPECT_EQ(*IndicatorViewer(As(auth::kAdmin), "", ""), "");
}

}  // namespace
}  // namespace engage::profile
