// Issue 19, traffic follows scaling: callers balance over dns:/// targets and
// resolve again only when a connection ends, so a replica started after the
// gateway gets calls once the old replica's connections reach their maximum
// age. The gateway here resolves profile_svc through a test DNS server
// (c-ares asks the authority of dns://127.0.0.1:<port>/profile.test:<port>);
// the replicas listen on 127.0.0.1 and 127.0.0.2, on the same port.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/http_get.h"
#include "tests/support/mesh.h"
#include "tests/support/process.h"
#include "tests/support/test_dns.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;

// gRPC's DNS resolver resolves a name at most every 30 s
// (GRPC_ARG_DNS_MIN_TIME_BETWEEN_RESOLUTIONS_MS): a connection that ends
// sooner after the last resolution waits for the rest of it. A resolution
// after the replica was added already sees it, so the one a connection's end
// asks for is deferred to at most 30 s after the addition: with an age of 30 s
// or more (production: 300) a new replica gets calls within the age, plus the
// 10% jitter gRPC adds to it. The smallest such age keeps the test short.
constexpr int kMaxAgeSeconds = 30;
constexpr absl::Duration kGrace = absl::Seconds(3);

// ListOrgs calls a profile_svc replica has handled with OK (its /metrics, on
// the replica's own address).
int HandledListOrgs(const std::string& host, int metrics_port) {
  static const std::regex kLine(
      "grpc_server_handled_total\\{grpc_type=\"unary\",grpc_service=\"engage\\.profile\\.v1\\."
      "ProfileService\",grpc_method=\"ListOrgs\",grpc_code=\"OK\"\\} ([0-9]+)");
  const std::string metrics = HttpGet(host, metrics_port, "/metrics");
  std::smatch m;
  return std::regex_search(metrics, m, kLine) ? std::stoi(m[1]) : 0;
}

class ScaleOutTest : public ::testing::Test {
 protected:
  ScaleOutTest() : first_metrics_(FreePort()), mesh_(Options()) {}

  Mesh::Options Options() const {
    Mesh::Options options;
    options.env["profile"] = {
        {"ENGAGE_METRICS_PORT", absl::StrCat(first_metrics_)},
        {"ENGAGE_MAX_CONNECTION_AGE_SECONDS", absl::StrCat(kMaxAgeSeconds)},
        {"ENGAGE_MAX_CONNECTION_AGE_GRACE_SECONDS", "2"},
    };
    return options;
  }

  int ProfilePort() const {
    const std::string address = mesh_.Address("profile");
    return std::stoi(address.substr(address.rfind(':') + 1));
  }

  const int first_metrics_;
  Mesh mesh_;
  TestDns dns_;
};

TEST_F(ScaleOutTest, AReplicaStartedAfterTheGatewayGetsCallsWithinTheMaximumAge) {
  const int port = ProfilePort();
  dns_.Set("profile.test", {"127.0.0.1"});

  // A gateway of its own, resolving profile_svc through the test DNS server.
  const int gateway_port = FreePort();
  std::map<std::string, std::string> gateway_env = mesh_.Env("gateway");
  gateway_env["ENGAGE_GRPC_PORT"] = absl::StrCat(gateway_port);
  gateway_env["ENGAGE_METRICS_PORT"] = "-1";
  gateway_env["ENGAGE_PROFILE_TARGET"] = dns_.Target("profile.test", port);
  Process gateway("engage-gateway", gateway_env);
  const std::string gateway_address = absl::StrCat("127.0.0.1:", gateway_port);
  ASSERT_TRUE(WaitServing(gateway_address, "engage.profile.v1.ProfileService", absl::Seconds(30)))
      << gateway.Output();

  // Steady calls, one after the other, each counted.
  const std::string tenant = UniqueName("scale");
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::string first_failure;
  std::thread caller([&] {
    auto stub = engage::profile::v1::ProfileService::NewStub(
        grpc::CreateChannel(gateway_address, grpc::InsecureChannelCredentials()));
    while (!stop) {
      engage::profile::v1::ListOrgsRequest request;
      request.set_page_size(10);
      engage::profile::v1::ListOrgsResponse response;
      grpc::Status st =
          stub->ListOrgs(Mesh::Context(ROLE_ADMIN, tenant, "admin").get(), request, &response);
      if (st.ok()) {
        ++ok;
      } else if (failed++ == 0) {
        first_failure = absl::StrCat(st.error_code(), " ", st.error_message());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  struct Join {
    std::atomic<bool>& stop;
    std::thread& thread;
    ~Join() {
      stop = true;
      if (thread.joinable()) thread.join();
    }
  } join{stop, caller};

  const absl::Time until_first = absl::Now() + absl::Seconds(10);
  while (HandledListOrgs("127.0.0.1", first_metrics_) == 0 && absl::Now() < until_first) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_GT(HandledListOrgs("127.0.0.1", first_metrics_), 0) << "the first replica serves no calls";

  // The second replica: same port, another loopback address, its own metrics.
  const int second_metrics = FreePort();
  std::map<std::string, std::string> second_env = mesh_.Env("profile");
  second_env["ENGAGE_GRPC_HOST"] = "127.0.0.2";
  second_env["ENGAGE_METRICS_PORT"] = absl::StrCat(second_metrics);
  Process second("engage-profile", second_env);
  ASSERT_TRUE(WaitServing(absl::StrCat("127.0.0.2:", port), "engage.profile.v1.ProfileService",
                          absl::Seconds(30)))
      << second.Output();
  dns_.Set("profile.test", {"127.0.0.1", "127.0.0.2"});
  const absl::Time added = absl::Now();

  const absl::Duration bound = absl::Seconds(kMaxAgeSeconds) * 1.1 + kGrace;
  while (HandledListOrgs("127.0.0.2", second_metrics) == 0 && absl::Now() < added + bound) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  const absl::Duration took = absl::Now() - added;
  const int served_by_second = HandledListOrgs("127.0.0.2", second_metrics);
  std::cout << "second replica's first call " << absl::FormatDuration(took)
            << " after it was added to DNS\n";
  EXPECT_GT(served_by_second, 0) << "no call reached the new replica within "
                                 << absl::FormatDuration(bound) << "\n"
                                 << gateway.Output();

  // Both replicas keep serving: round robin over the two.
  const int first_before = HandledListOrgs("127.0.0.1", first_metrics_);
  const int second_before = HandledListOrgs("127.0.0.2", second_metrics);
  absl::SleepFor(absl::Seconds(1));
  EXPECT_GT(HandledListOrgs("127.0.0.1", first_metrics_), first_before);
  EXPECT_GT(HandledListOrgs("127.0.0.2", second_metrics), second_before);

  stop = true;
  caller.join();
  EXPECT_GT(ok.load(), 0);
  EXPECT_EQ(failed.load(), 0) << first_failure;
}

}  // namespace
}  // namespace engage::testing
