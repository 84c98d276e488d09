// SEC-11: one tenant's slow calls take at most its share of a replica's
// database connections; another tenant's calls still find one. profile_svc's
// real wiring in process, on the real MariaDB, with a pool of 4 and a share
// of 2: the test holds a row lock that tenant globex's branding updates wait
// on, so each of them holds a pool connection for as long as the test likes.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "engage/profile/v1/profile.grpc.pb.h"
#include "gtest/gtest.h"
#include "profile_svc/wiring.h"
#include "tests/support/in_process_service.h"
#include "tests/support/mesh.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;
namespace pv1 = engage::profile::v1;

class TenantShareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = InProcessService::Start(profile::ProfileServiceBinary(),
                                           {{"db-pool-size", "4"},
                                            {"tenant-calls-in-flight", "2"},
                                            {"tenant-call-wait-millis", "100"},
                                            {"db-pool-wait-millis", "500"},
                                            {"db-query-timeout-seconds", "20"}});
    ASSERT_TRUE(started.ok()) << started.status();
    service_ = *std::move(started);
    stub_ = pv1::ProfileService::NewStub(service_->channel());
  }

  grpc::Status UpdateBranding(const std::string& tenant, const std::string& color) {
    pv1::UpdateBrandingRequest request;
    request.mutable_branding()->set_primary_color(color);
    request.mutable_update_mask()->add_paths("primary_color");
    pv1::UpdateBrandingResponse response;
    return stub_->UpdateBranding(Mesh::Context(ROLE_ADMIN, tenant, "admin-1").get(), request,
                                 &response);
  }

  std::unique_ptr<InProcessService> service_;
  std::unique_ptr<pv1::ProfileService::Stub> stub_;
};

TEST_F(TenantShareTest, SEC11_ATenantHoldingItsShareOfSlowCallsLeavesOtherTenantsAConnection) {
  ASSERT_TRUE(UpdateBranding("globex", "112233").ok());  // its settings row exists

  // The test's own connection locks globex's settings row: globex's branding
  // updates wait on it, each holding one of the service's connections.
  std::mutex mu;
  std::condition_variable cv;
  bool locked = false, release = false;
  std::thread holder([&] {
    auto st = service_->pool().Transaction([&](mysql::Session& s) -> absl::Status {
      auto rows = s.Query("SELECT tenant_id FROM company_settings WHERE tenant_id = ? FOR UPDATE",
                          {std::string("globex")});
      if (!rows.ok()) return rows.status();
      std::unique_lock<std::mutex> lock(mu);
      locked = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
      return absl::OkStatus();
    });
    EXPECT_TRUE(st.ok()) << st;
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return locked; });
  }

  // globex sends as many slow calls as the pool has connections.
  constexpr int kSlowCalls = 4;
  std::vector<grpc::Status> results(kSlowCalls);
  std::atomic<int> refused{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < kSlowCalls; ++i) {
    callers.emplace_back([&, i] {
      results[i] = UpdateBranding("globex", "44556" + std::to_string(i));
      if (results[i].error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++refused;
    });
  }
  // Past the share's wait (100 ms): the calls beyond globex's share of 2
  // were refused, the two within it still wait on the lock.
  for (int i = 0; i < 100 && refused.load() < kSlowCalls - 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(refused.load(), kSlowCalls - 2);

  // acme's call finds a connection at once, while globex holds its share.
  const auto start = std::chrono::steady_clock::now();
  grpc::Status other = UpdateBranding("acme", "778899");
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(other.ok()) << other.error_code() << " " << other.error_message();
  EXPECT_LT(took, std::chrono::milliseconds(500)) << "acme waited for a pool connection";

  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  holder.join();
  for (auto& t : callers) t.join();
  int ok = 0;
  for (const auto& st : results) {
    if (st.ok()) {
      ++ok;
    } else {
      EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << st.error_message();
      EXPECT_NE(st.error_message().find("SEC-11"), std::string::npos) << st.error_message();
      EXPECT_NE(st.error_message().find("per tenant"), std::string::npos) << st.error_message();
    }
  }
  EXPECT_EQ(ok, 2);  // the calls within the share completed once the lock went
}

TEST_F(TenantShareTest, SEC11_ASharedTenantCallRefusalCarriesARetryInfo) {
  // The refusal is RESOURCE_EXHAUSTED with google.rpc.RetryInfo in its details.
  auto held = service_->context().gate.TakeShare(auth::Identity("a", auth::kAdmin, "initech"));
  auto held2 = service_->context().gate.TakeShare(auth::Identity("b", auth::kAdmin, "initech"));
  ASSERT_TRUE(held.ok() && held2.ok());
  pv1::UpdateBrandingRequest request;
  request.mutable_branding()->set_primary_color("000000");
  request.mutable_update_mask()->add_paths("primary_color");
  pv1::UpdateBrandingResponse response;
  grpc::Status st = stub_->UpdateBranding(Mesh::Context(ROLE_ADMIN, "initech", "admin-1").get(),
                                          request, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(st.error_details().find("google.rpc.RetryInfo"), std::string::npos);
  // SERVICE callers (calls made for work another service bounds) are not counted.
  auto service = service_->context().gate.TakeShare(auth::Identity("s", auth::kService, "*"));
  ASSERT_TRUE(service.ok());
  EXPECT_EQ(*service, nullptr);
}

}  // namespace
}  // namespace engage::testing
