#ifndef ENGAGE_TESTS_FAULTS_STEADY_LOAD_H_
#define ENGAGE_TESTS_FAULTS_STEADY_LOAD_H_

// Steady calls through the gateways while the fault suite stops replicas:
// reads of all three services and an idempotent write, from a few threads,
// each call timed and its outcome kept.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engage/connection/v1/connection.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "tests/support/test_env.h"

namespace engage::testing {

class SteadyLoad {
 public:
  struct Figures {
    long calls = 0;
    long failed = 0;
    double p50_ms = 0;
    double p99_ms = 0;
    double max_ms = 0;
    std::map<std::string, long> failures;  // "CODE: message" -> count

    std::string Summary() const {
      std::string s = absl::StrCat(calls, " calls, ", failed, " failed, p50 ", p50_ms, " ms, p99 ",
                                   p99_ms, " ms, max ", max_ms, " ms");
      for (const auto& [what, n] : failures) absl::StrAppend(&s, "\n  ", n, " x ", what);
      return s;
    }
  };

  // `field_user`: a profile whose connections are listed (connection_svc's read).
  SteadyLoad(std::shared_ptr<grpc::Channel> channel, std::string tenant, std::string field_user,
             int threads = 4)
      : channel_(std::move(channel)),
        tenant_(std::move(tenant)),
        field_user_(std::move(field_user)) {
    for (int t = 0; t < threads; ++t) threads_.emplace_back([this, t] { Loop(t); });
  }
  ~SteadyLoad() { Stop(); }

  Figures Stop() {
    stop_ = true;
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
    std::lock_guard<std::mutex> lock(mu_);
    Figures f = figures_;
    std::vector<double> sorted = latencies_;
    std::sort(sorted.begin(), sorted.end());
    auto at = [&](double q) {
      if (sorted.empty()) return 0.0;
      return sorted[std::min(sorted.size() - 1, static_cast<size_t>(q * sorted.size()))];
    };
    f.p50_ms = at(0.50);
    f.p99_ms = at(0.99);
    f.max_ms = sorted.empty() ? 0 : sorted.back();
    return f;
  }

 private:
  std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization",
                         "Bearer " + Token(engage::common::v1::ROLE_ADMIN, tenant_, "admin"));
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  void Loop(int thread) {
    auto profiles = engage::profile::v1::ProfileService::NewStub(channel_);
    auto connections = engage::connection::v1::ConnectionService::NewStub(channel_);
    auto promomats = engage::promomats::v1::PromoMatsService::NewStub(channel_);
    for (long n = thread; !stop_; ++n) {
      const absl::Time start = absl::Now();
      grpc::Status st;
      switch (n % 4) {
        case 0: {
          engage::profile::v1::ListGroupsRequest req;
          engage::profile::v1::ListGroupsResponse resp;
          st = profiles->ListGroups(Context().get(), req, &resp);
          break;
        }
        case 1: {
          engage::connection::v1::ListConnectionsRequest req;
          req.set_profile_id(field_user_);
          engage::connection::v1::ListConnectionsResponse resp;
          st = connections->ListConnections(Context().get(), req, &resp);
          break;
        }
        case 2: {
          engage::promomats::v1::ListVaultsRequest req;
          engage::promomats::v1::ListVaultsResponse resp;
          st = promomats->ListVaults(Context().get(), req, &resp);
          break;
        }
        default: {
          engage::profile::v1::UpsertCompanyRequest req;
          req.set_name("Acme");  // the same value each time: repeating it changes nothing
          engage::profile::v1::UpsertCompanyResponse resp;
          st = profiles->UpsertCompany(Context().get(), req, &resp);
          break;
        }
      }
      const double ms = absl::ToDoubleMilliseconds(absl::Now() - start);
      std::lock_guard<std::mutex> lock(mu_);
      ++figures_.calls;
      latencies_.push_back(ms);
      if (!st.ok()) {
        ++figures_.failed;
        ++figures_.failures[absl::StrCat(st.error_code(), ": ", st.error_message())];
      }
    }
  }

  std::shared_ptr<grpc::Channel> channel_;
  const std::string tenant_;
  const std::string field_user_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  Figures figures_;
  std::vector<double> latencies_;
  std::vector<std::thread> threads_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_FAULTS_STEADY_LOAD_H_
