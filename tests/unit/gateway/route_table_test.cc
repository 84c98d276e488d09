#include "gateway/route_table.h"

#include <gtest/gtest.h>

namespace engage::gateway {
namespace {

RouteTable Table() { return RouteTable::FromDescriptors({"profile", "connection", "promomats"}); }

TEST(RouteTableTest, PublicMethodsCarryTheRolesDeclaredInTheProtos) {
  RouteTable t = Table();
  const Route* r = t.Find("/engage.profile.v1.ProfileService/UpsertCompany");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->backend, "profile");
  EXPECT_EQ(r->allowed_roles, std::set<auth::Role>{engage::common::v1::ROLE_ADMIN});
}

TEST(RouteTableTest, InternalMethodsAndServicesAreNotRouted) {
  RouteTable t = Table();
  EXPECT_EQ(t.Find("/engage.profile.v1.ProfileInternalService/GetProfileOwner"), nullptr);
  for (const auto& name : t.PublicServices()) {
    EXPECT_EQ(name.find("Internal"), std::string::npos) << name;
  }
}

TEST(RouteTableTest, EveryBackendHasAPublicService) {
  RouteTable t = Table();
  std::set<std::string> backends;
  for (const auto& [path, route] : t.routes()) backends.insert(route.backend);
  EXPECT_EQ(backends, (std::set<std::string>{"profile", "connection", "promomats"}));
}

// Unary methods take the one-batch relay; streaming ones the general one.
TEST(RouteTableTest, UnaryMethodsAreMarked) {
  RouteTable t = Table();
  EXPECT_TRUE(t.Find("/engage.profile.v1.ProfileService/GetBusinessCard")->unary);
  EXPECT_FALSE(t.Find("/engage.profile.v1.CrmSyncService/WatchSyncJob")->unary);
  EXPECT_FALSE(t.Find("/engage.profile.v1.CrmSyncService/DownloadSyncLog")->unary);
}

}  // namespace
}  // namespace engage::gateway
