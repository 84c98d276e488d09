// SEC-01 and SEC-02: the proto's access option is the one list of roles, and
// SERVICE tokens are for internal methods only.
#include "common/auth/method_access.h"

#include <gtest/gtest.h>

namespace engage::auth {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;
using engage::common::v1::ROLE_SERVICE;

TEST(SEC01_MethodAccess, EveryMethodOfTheContractsDeclaresItsRoles) {
  const auto table = DeclaredMethodAccess();
  ASSERT_GT(table.size(), 50u);
  for (const auto& [path, access] : table) {
    EXPECT_FALSE(access.allowed_roles.empty()) << path << " declares no role";
    if (access.internal) {
      EXPECT_EQ(access.allowed_roles, std::set<Role>{ROLE_SERVICE}) << path;
    } else {
      EXPECT_EQ(access.allowed_roles.count(ROLE_SERVICE), 0u)
          << path << " is public yet lists ROLE_SERVICE (SEC-02)";
    }
  }
}

TEST(SEC01_MethodAccess, TheDeclarationIsReadFromTheProto) {
  const auto table = DeclaredMethodAccess();
  const auto& upsert = table.at("/engage.profile.v1.ProfileService/UpsertCompany");
  EXPECT_EQ(upsert.allowed_roles, std::set<Role>{ROLE_ADMIN});
  EXPECT_FALSE(upsert.internal);
  EXPECT_TRUE(table.at("/engage.profile.v1.ProfileInternalService/GetProfileOwner").internal);
}

TEST(SEC01_MethodAccess, ARoleNotDeclaredIsRefused) {
  MethodAccess admin_only{{ROLE_ADMIN}, false};
  EXPECT_TRUE(CheckRole({"alice", ROLE_ADMIN, "acme"}, admin_only).ok());
  for (Role role : {ROLE_FIELD_USER, ROLE_HCP, ROLE_INTEGRATION}) {
    EXPECT_EQ(CheckRole({"x", role, "acme"}, admin_only).code(),
              absl::StatusCode::kPermissionDenied);
  }
}

TEST(SEC02_ServiceTokens, AServiceTokenNeverCallsAPublicMethod) {
  // Even if a declaration listed SERVICE on a public method by mistake.
  MethodAccess sloppy{{ROLE_ADMIN, ROLE_SERVICE}, false};
  EXPECT_EQ(CheckRole({"connection", ROLE_SERVICE, "*"}, sloppy).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(SEC02_ServiceTokens, InternalMethodsTakeOnlyServiceTokens) {
  MethodAccess internal{{ROLE_SERVICE, ROLE_ADMIN}, true};
  EXPECT_TRUE(CheckRole({"connection", ROLE_SERVICE, "*"}, internal).ok());
  EXPECT_EQ(CheckRole({"alice", ROLE_ADMIN, "acme"}, internal).code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(SEC02_ServiceTokens, ATenantBoundServiceTokenActsOnItsOwnTenantOnly) {
  Identity bound{"connection", ROLE_SERVICE, "acme"};
  EXPECT_TRUE(CheckServiceTenant(bound, "acme").ok());
  EXPECT_EQ(CheckServiceTenant(bound, "globex").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckServiceTenant({"connection", ROLE_SERVICE, "*"}, "globex").ok());
}

}  // namespace
}  // namespace engage::auth
