#include "profile_svc/rules/indicator_rules.h"

#include <gtest/gtest.h>

#include "common/status/errors.h"
#include "profile_svc/rules/account_rules.h"

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

TEST(PRF09_SEC08_IndicatorOrg, AFieldUserReadsTheirOwnOrgAndAnotherOrgLooksMissing) {
  EXPECT_TRUE(
      CheckIndicatorOrg(As(auth::kFieldUser), "00D0000000000000US", "00D0000000000000US").ok());
  absl::Status other =
      CheckIndicatorOrg(As(auth::kFieldUser), "00D0000000000000US", "00D0000000000000EU");
  EXPECT_EQ(other, NoSuchOrg("00D0000000000000EU"));
  EXPECT_EQ(other.code(), absl::StatusCode::kNotFound);
  // A field user in no org reads none.
  EXPECT_EQ(CheckIndicatorOrg(As(auth::kFieldUser), "", "00D0000000000000EU"),
            NoSuchOrg("00D0000000000000EU"));
  // An admin reads every org of the tenant.
  EXPECT_TRUE(CheckIndicatorOrg(As(auth::kAdmin), "", "00D0000000000000EU").ok());
}

}  // namespace
}  // namespace engage::profile
