// Issue 19: every server's /metrics carries go-grpc-prometheus' names and
// labels (so its dashboards work), plus the database pool's gauges.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/generic_call.h"
#include "tests/support/http_get.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;
using ::testing::HasSubstr;
using ::testing::Not;

class MetricsTest : public ::testing::Test {
 protected:
  MetricsTest() : gateway_port_(FreePort()), profile_port_(FreePort()), mesh_(Options()) {}

  Mesh::Options Options() const {
    Mesh::Options options;
    options.env["gateway"]["ENGAGE_METRICS_PORT"] = absl::StrCat(gateway_port_);
    options.env["profile"]["ENGAGE_METRICS_PORT"] = absl::StrCat(profile_port_);
    return options;
  }

  const int gateway_port_;
  const int profile_port_;
  Mesh mesh_;
};

TEST_F(MetricsTest, ServersExposeGoGrpcPrometheusSeriesAndPoolGauges) {
  auto stub = engage::profile::v1::ProfileService::NewStub(mesh_.Channel());
  const std::string tenant = UniqueName("metrics");
  engage::profile::v1::UpsertCompanyRequest request;
  request.set_name("Measured Pharma");
  engage::profile::v1::UpsertCompanyResponse response;
  ASSERT_TRUE(
      stub->UpsertCompany(Mesh::Context(ROLE_ADMIN, tenant, "a").get(), request, &response).ok());
  request.set_name("");
  ASSERT_EQ(stub->UpsertCompany(Mesh::Context(ROLE_ADMIN, tenant, "a").get(), request, &response)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  const std::string labels =
      "grpc_type=\"unary\",grpc_service=\"engage.profile.v1.ProfileService\","
      "grpc_method=\"UpsertCompany\"";
  for (int port : {gateway_port_, profile_port_}) {
    const std::string metrics = HttpGet(port, "/metrics");
    SCOPED_TRACE(metrics);
    EXPECT_THAT(metrics, HasSubstr("# TYPE grpc_server_handled_total counter\n"));
    EXPECT_THAT(metrics, HasSubstr("grpc_server_started_total{" + labels + "} 2\n"));
    EXPECT_THAT(metrics,
                HasSubstr("grpc_server_handled_total{" + labels + ",grpc_code=\"OK\"} 1\n"));
    EXPECT_THAT(metrics, HasSubstr("grpc_server_handled_total{" + labels +
                                   ",grpc_code=\"InvalidArgument\"} 1\n"));
    EXPECT_THAT(metrics, HasSubstr("grpc_server_msg_received_total{" + labels + "} 2\n"));
    EXPECT_THAT(metrics, HasSubstr("grpc_server_handling_seconds_count{" + labels + "} 2\n"));
    EXPECT_THAT(metrics,
                HasSubstr("grpc_server_handling_seconds_bucket{" + labels + ",le=\"+Inf\"} 2\n"));
  }
  const std::string profile = HttpGet(profile_port_, "/metrics");
  EXPECT_THAT(profile, HasSubstr("# TYPE engage_db_pool_in_use gauge\n"));
  EXPECT_THAT(profile, HasSubstr("engage_background_tasks{pool="));
}

TEST_F(MetricsTest, PathsNoContractDeclaresShareOneUnknownSeries) {
  auto channel = mesh_.Channel("profile");
  for (const char* path : {"/no.Such/Method", "/engage.profile.v1.ProfileService/Nope"}) {
    EXPECT_EQ(CallRaw(channel, path, "").error_code(), grpc::StatusCode::UNIMPLEMENTED) << path;
  }
  const std::string metrics = HttpGet(profile_port_, "/metrics");
  EXPECT_THAT(metrics, Not(HasSubstr("no.Such")));
  EXPECT_THAT(metrics, Not(HasSubstr("Nope")));
}

}  // namespace
}  // namespace engage::testing
