// SEC-09: a deactivated user or a removed profile can no longer act.
#include "common/auth/active_callers.h"

#include <gtest/gtest.h>

#include <map>

namespace engage::auth {
namespace {

using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;

class FakeDirectory final : public CallerDirectory {
 public:
  absl::StatusOr<CallerState> StateOf(const std::string& tenant,
                                      const std::string& subject) override {
    ++lookups;
    if (down) return absl::UnavailableError("profile_svc down");
    auto it = states.find(tenant + "/" + subject);
    return it == states.end() ? CallerState::kUnknown : it->second;
  }
  std::map<std::string, CallerState> states;
  int lookups = 0;
  bool down = false;
};

const absl::Time kNow = absl::FromUnixSeconds(1800000000);

TEST(SEC09_ActiveCallers, DeactivatedAndRemovedAreRefusedActiveAndUnknownPass) {
  FakeDirectory directory;
  directory.states = {{"acme/sarah", CallerState::kActive},
                      {"acme/mark", CallerState::kDeactivated},
                      {"acme/wilson", CallerState::kRemoved}};
  FakeClock clock(kNow);
  ActiveCallers active(directory, clock);
  EXPECT_TRUE(active.Check({"sarah", ROLE_FIELD_USER, "acme"}).ok());
  EXPECT_TRUE(active.Check({"newcomer", ROLE_HCP, "acme"}).ok());
  EXPECT_EQ(active.Check({"mark", ROLE_FIELD_USER, "acme"}).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(active.Check({"wilson", ROLE_HCP, "acme"}).code(), absl::StatusCode::kPermissionDenied);
}

TEST(SEC09_ActiveCallers, TheAnswerIsKeptForTheTtlThenAskedAgain) {
  FakeDirectory directory;
  directory.states = {{"acme/mark", CallerState::kActive}};
  FakeClock clock(kNow);
  ActiveCallers active(directory, clock, absl::Seconds(5));
  ASSERT_TRUE(active.Check({"mark", ROLE_FIELD_USER, "acme"}).ok());
  directory.states["acme/mark"] = CallerState::kDeactivated;
  EXPECT_TRUE(active.Check({"mark", ROLE_FIELD_USER, "acme"}).ok());  // within the bound
  EXPECT_EQ(directory.lookups, 1);
  clock.Advance(absl::Seconds(6));
  EXPECT_EQ(active.Check({"mark", ROLE_FIELD_USER, "acme"}).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(directory.lookups, 2);
}

TEST(SEC09_ActiveCallers, TheSameSubjectInAnotherTenantIsAnotherCaller) {
  FakeDirectory directory;
  directory.states = {{"acme/mark", CallerState::kDeactivated}};
  FakeClock clock(kNow);
  ActiveCallers active(directory, clock);
  EXPECT_TRUE(active.Check({"mark", ROLE_FIELD_USER, "globex"}).ok());
  EXPECT_FALSE(active.Check({"mark", ROLE_FIELD_USER, "acme"}).ok());
}

TEST(SEC09_ActiveCallers, AnUnreachableDirectoryRefusesRatherThanLetsThrough) {
  FakeDirectory directory;
  directory.down = true;
  FakeClock clock(kNow);
  ActiveCallers active(directory, clock);
  EXPECT_EQ(active.Check({"sarah", ROLE_FIELD_USER, "acme"}).code(),
            absl::StatusCode::kUnavailable);
  // Identities without a user record of their own are not looked up.
  EXPECT_TRUE(active.Check({"meetings", ROLE_INTEGRATION, "acme"}).ok());
}

}  // namespace
}  // namespace engage::auth
