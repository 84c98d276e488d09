// SIGTERM while a call is in flight: it completes, new calls are refused, and
// the process exits 0 within its grace period.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::profile::v1::ProfileService;
using engage::profile::v1::UpsertCompanyRequest;
using engage::profile::v1::UpsertCompanyResponse;

TEST(ShutdownTest, InFlightCallsCompleteNewCallsAreRefusedExitIsZero) {
  Mesh mesh;
  const std::string tenant = UniqueName("tenant");
  auto stub = ProfileService::NewStub(mesh.Channel("profile"));
  {
    UpsertCompanyRequest req;
    req.set_name("Before");
    UpsertCompanyResponse resp;
    ASSERT_TRUE(
        stub->UpsertCompany(Mesh::Context(engage::common::v1::ROLE_ADMIN, tenant, "admin").get(),
                            req, &resp)
            .ok());
  }

  // Hold the company row locked, so the next update stays in flight.
  std::promise<void> locked;
  std::promise<void> release;
  std::thread holder([&] {
    (void)mesh.db().pool().Transaction([&](mysql::Session& s) {
      auto r = s.Query("SELECT name FROM companies WHERE tenant_id = ? FOR UPDATE", {tenant});
      locked.set_value();
      release.get_future().wait();
      return r.status();
    });
  });
  locked.get_future().wait();

  auto in_flight = std::async(std::launch::async, [&] {
    UpsertCompanyRequest req;
    req.set_name("During shutdown");
    UpsertCompanyResponse resp;
    return stub->UpsertCompany(Mesh::Context(engage::common::v1::ROLE_ADMIN, tenant, "admin").get(),
                               req, &resp);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  Process& profile = mesh.process("profile");
  ASSERT_EQ(kill(profile.pid(), SIGTERM), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  // A new connection is refused while the old call is still running.
  auto fresh = ProfileService::NewStub(
      grpc::CreateChannel(mesh.Address("profile"), grpc::InsecureChannelCredentials()));
  UpsertCompanyRequest req;
  req.set_name("Too late");
  UpsertCompanyResponse resp;
  grpc::Status refused = fresh->UpsertCompany(
      Mesh::Context(engage::common::v1::ROLE_ADMIN, tenant, "admin").get(), req, &resp);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE) << refused.error_message();

  release.set_value();
  holder.join();
  grpc::Status done = in_flight.get();
  EXPECT_TRUE(done.ok()) << done.error_message();
  // Grace is 5 s in the mesh fixture.
  EXPECT_EQ(profile.WaitExit(absl::Seconds(8)), 0) << profile.Output();
  auto name = mesh.db().pool().Query("SELECT name FROM companies WHERE tenant_id = ?", {tenant});
  EXPECT_EQ((*name)[0].String(0), "During shutdown");
}

}  // namespace
}  // namespace engage::testing
