// Issue 18: which calls a balanced channel sends again after UNAVAILABLE.
#include "common/client/retry_config.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engage/connection/v1/connection.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"

namespace engage::client {
namespace {

const google::protobuf::MethodDescriptor& Method(const google::protobuf::ServiceDescriptor* s,
                                                 const std::string& name) {
  const auto* m = s->FindMethodByName(name);
  EXPECT_NE(m, nullptr) << name;
  return *m;
}

TEST(RetryConfig, ReadsAreRetriedWritesAreNot) {
  const auto* profile =
      engage::profile::v1::GetBrandingRequest::descriptor()->file()->FindServiceByName(
          "ProfileService");
  const auto* connection =
      engage::connection::v1::ListConnectionsRequest::descriptor()->file()->FindServiceByName(
          "ConnectionService");
  EXPECT_TRUE(SafeToRetry(Method(profile, "GetBranding")));
  EXPECT_TRUE(SafeToRetry(Method(profile, "ListGroups")));
  EXPECT_TRUE(SafeToRetry(Method(connection, "ListConnections")));
  EXPECT_TRUE(SafeToRetry(Method(connection, "PreviewInvite")));
  // A replica killed after its commit answers UNAVAILABLE too: never twice.
  EXPECT_FALSE(SafeToRetry(Method(profile, "UpsertCompany")));
  EXPECT_FALSE(SafeToRetry(Method(connection, "CreateInvite")));
  EXPECT_FALSE(SafeToRetry(Method(connection, "AcceptInvite")));
  EXPECT_FALSE(SafeToRetry(Method(connection, "RunPostProcessing")));
}

TEST(RetryConfig, TheChannelConfigNamesEveryLinkedReadAndNoWrite) {
  const std::vector<std::string> safe = SafeMethods();
  auto has = [&](const std::string& m) { return std::count(safe.begin(), safe.end(), m) == 1; };
  EXPECT_TRUE(has("engage.profile.v1.ProfileService/GetBranding"));
  EXPECT_TRUE(has("engage.connection.v1.ConnectionService/ListConnections"));
  EXPECT_FALSE(has("engage.profile.v1.ProfileService/UpsertCompany"));
  const std::string config = BalancedServiceConfig(safe);
  EXPECT_NE(config.find(R"("healthCheckConfig": {"serviceName": ""})"), std::string::npos);
  EXPECT_NE(
      config.find(R"({"service": "engage.profile.v1.ProfileService", "method": "GetBranding"})"),
      std::string::npos);
  EXPECT_EQ(config.find("UpsertCompany"), std::string::npos);
  EXPECT_NE(config.find(R"("retryThrottling": {"maxTokens": 100, "tokenRatio": 0.1})"),
            std::string::npos);
  // Without safe methods there is no retry policy at all.
  EXPECT_EQ(BalancedServiceConfig({}).find("retryPolicy"), std::string::npos);
}

}  // namespace
}  // namespace engage::client
