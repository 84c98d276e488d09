// Idempotency keys of profile_svc creates, through the gateway (attack review
// 5, finding 9): a request_id replays only the same request of the same
// caller; another request, or another caller, under a used key is
// ALREADY_EXISTS.
#include <gtest/gtest.h>

#include "tests/e2e/profile_svc/profile_e2e_fixture.h"
#include "tests/support/request_keys.h"

namespace engage::testing {
namespace {

using namespace engage::profile::v1;  // NOLINT: test brevity
using engage::common::v1::ROLE_ADMIN;

class RequestKeysE2e : public ProfileE2e {
 protected:
  ContextFn AdminNamed(const std::string& subject) {
    return [this, subject] { return Mesh::Context(ROLE_ADMIN, tenant_, subject); };
  }
};

TEST_F(RequestKeysE2e, SEC01_Ownership_CreateGroupKeyIsBoundToCallerAndRequest) {
  // The review's call: admin 2 reusing admin 1's "g1" got admin 1's group.
  CreateGroupRequest first;
  first.set_request_id("g1");
  first.mutable_group()->set_name("Oncology");
  first.set_override_medications(true);
  CreateGroupRequest other = first;
  other.mutable_group()->set_name("Cardiology");
  ExpectKeyBoundToCallerAndRequest<CreateGroupRequest, CreateGroupResponse>(
      [&](auto* c, const auto& r, auto* out) { return stub_->CreateGroup(c, r, out); }, first,
      other, AdminNamed("admin"), AdminNamed("admin-2"),
      [](const CreateGroupResponse& r) { return r.group().group_id(); });
  ListGroupsRequest list;
  ListGroupsResponse groups;
  ASSERT_TRUE(stub_->ListGroups(Admin().get(), list, &groups).ok());
  ASSERT_EQ(groups.groups_size(), 1);
  EXPECT_EQ(groups.groups(0).name(), "Oncology");
}

TEST_F(RequestKeysE2e, SEC01_Ownership_CreateFieldUserKeyIsBoundToCallerAndRequest) {
  CreateFieldUserRequest first;
  first.set_request_id("u1");
  first.set_subject("sarah");
  first.set_first_name("Sarah");
  first.set_last_name("Jones");
  first.set_email("sarah@acme.example");
  first.set_country("US");
  first.set_user_type(USER_TYPE_FIELD_USER);
  // The same subject, another name: before, only the subject was compared,
  // and this replayed as the first.
  CreateFieldUserRequest other = first;
  other.set_last_name("Smith");
  ExpectKeyBoundToCallerAndRequest<CreateFieldUserRequest, CreateFieldUserResponse>(
      [&](auto* c, const auto& r, auto* out) { return stub_->CreateFieldUser(c, r, out); }, first,
      other, AdminNamed("admin"), AdminNamed("admin-2"),
      [](const CreateFieldUserResponse& r) { return r.profile_id(); });
}

}  // namespace
}  // namespace engage::testing
