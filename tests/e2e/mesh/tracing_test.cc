// Issue 19: a W3C traceparent accepted or started at the gateway reaches every
// hop (service-to-service calls included), and each JSON log line of a call
// carries its trace id.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "engage/connection/v1/connection.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;

constexpr char kTraceId[] = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr char kCallerSpan[] = "00f067aa0ba902b7";

struct CallLine {
  std::string trace_id;
  std::string span_id;
};

// The "call" log lines of `method` in a process's output (written within a
// second: the log flushes every second), waiting up to five seconds for one.
std::vector<CallLine> CallLines(Process& process, const std::string& method) {
  const std::regex line("\"msg\":\"call\",\"method\":\"" + method +
                        "\"[^\\n]*\"trace_id\":\"([0-9a-f]*)\",\"span_id\":\"([0-9a-f]*)\"");
  std::vector<CallLine> found;
  const absl::Time until = absl::Now() + absl::Seconds(5);
  while (found.empty() && absl::Now() < until) {
    const std::string output = process.Output();
    for (auto it = std::sregex_iterator(output.begin(), output.end(), line);
         it != std::sregex_iterator(); ++it) {
      found.push_back({(*it)[1], (*it)[2]});
    }
    if (found.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return found;
}

class TracingTest : public ::testing::Test {
 protected:
  Mesh mesh_;
  const std::string tenant_ = UniqueName("trace");
};

TEST_F(TracingTest, TheCallersTraceparentReachesTheServiceUnderAChildSpan) {
  auto stub = engage::profile::v1::ProfileService::NewStub(mesh_.Channel());
  auto context = Mesh::Context(ROLE_ADMIN, tenant_, "admin-1");
  context->AddMetadata("traceparent", std::string("00-") + kTraceId + "-" + kCallerSpan + "-01");
  engage::profile::v1::UpsertCompanyRequest request;
  request.set_name("Traced Pharma");
  engage::profile::v1::UpsertCompanyResponse response;
  ASSERT_TRUE(stub->UpsertCompany(context.get(), request, &response).ok());

  const std::string method = "/engage.profile.v1.ProfileService/UpsertCompany";
  auto at_gateway = CallLines(mesh_.process("gateway"), method);
  auto at_profile = CallLines(mesh_.process("profile"), method);
  ASSERT_EQ(at_gateway.size(), 1u) << mesh_.process("gateway").Output();
  ASSERT_EQ(at_profile.size(), 1u) << mesh_.process("profile").Output();
  EXPECT_EQ(at_gateway[0].trace_id, kTraceId);
  EXPECT_EQ(at_profile[0].trace_id, kTraceId);
  // Each hop is a span of its own.
  EXPECT_EQ(at_gateway[0].span_id.size(), 16u);
  EXPECT_NE(at_gateway[0].span_id, kCallerSpan);
  EXPECT_NE(at_profile[0].span_id, at_gateway[0].span_id);
}

TEST_F(TracingTest, WithoutATraceparentTheGatewayStartsATraceThatEveryHopCarries) {
  // A field user's call to connection_svc: connection_svc asks profile_svc
  // whether the caller is still active (SEC-09) within the same trace.
  auto stub = engage::connection::v1::ConnectionService::NewStub(mesh_.Channel());
  auto context = Mesh::Context(ROLE_FIELD_USER, tenant_, UniqueName("rep"));
  engage::connection::v1::ListConnectionsRequest request;
  engage::connection::v1::ListConnectionsResponse response;
  stub->ListConnections(context.get(), request, &response);  // the answer does not matter

  auto at_gateway = CallLines(mesh_.process("gateway"),
                              "/engage.connection.v1.ConnectionService/ListConnections");
  ASSERT_EQ(at_gateway.size(), 1u) << mesh_.process("gateway").Output();
  const std::string trace_id = at_gateway[0].trace_id;
  EXPECT_TRUE(std::regex_match(trace_id, std::regex("[0-9a-f]{32}"))) << trace_id;

  auto at_connection = CallLines(mesh_.process("connection"),
                                 "/engage.connection.v1.ConnectionService/ListConnections");
  ASSERT_EQ(at_connection.size(), 1u) << mesh_.process("connection").Output();
  EXPECT_EQ(at_connection[0].trace_id, trace_id);

  auto at_profile = CallLines(mesh_.process("profile"),
                              "/engage.profile.v1.ProfileInternalService/GetCallerState");
  ASSERT_FALSE(at_profile.empty()) << mesh_.process("profile").Output();
  bool same_trace = false;
  for (const CallLine& line : at_profile) same_trace = same_trace || line.trace_id == trace_id;
  EXPECT_TRUE(same_trace) << "no GetCallerState call of trace " << trace_id;
}

}  // namespace
}  // namespace engage::testing
