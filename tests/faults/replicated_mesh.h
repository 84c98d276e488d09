#ifndef ENGAGE_TESTS_FAULTS_REPLICATED_MESH_H_
#define ENGAGE_TESTS_FAULTS_REPLICATED_MESH_H_

// The fault suite's mesh (issue 18): two replicas of every service and of the
// gateway, real binaries on loopback ports, one database. A service reaches
// the replicas of another through an ipv4: target listing both, which is what
// a headless Service's dns:/// name gives in a cluster: one subchannel per
// address and round robin per call, so a replica that goes away is left out
// of the picks as soon as its connection closes.
#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/client/service_client.h"
#include "common/mysql/pool.h"
#include "tests/support/process.h"
#include "tests/support/test_env.h"

namespace engage::testing {

// Repeats `call` while it is UNAVAILABLE (channels between freshly started
// replicas still connecting, a replica killed), for at most `limit`.
template <typename Call>
grpc::Status WhenReady(Call call, absl::Duration limit = absl::Seconds(15)) {
  const absl::Time until = absl::Now() + limit;
  grpc::Status st = call();
  while (st.error_code() == grpc::StatusCode::UNAVAILABLE && absl::Now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    st = call();
  }
  return st;
}

class ReplicatedMesh {
 public:
  static constexpr int kReplicas = 2;
  struct Options {
    mysql::DbConfig db;
    // Extra ENGAGE_* variables per binary ("gateway", "profile", ...) or all ("*").
    std::map<std::string, std::map<std::string, std::string>> env;
    // Replicas the constructor leaves stopped ("connection/1"), for Start().
    std::vector<std::string> later;
  };

  explicit ReplicatedMesh(Options options) : options_(std::move(options)) {
    for (const auto& name : Names()) {
      for (int i = 0; i < kReplicas; ++i) ports_[Key(name, i)] = FreePort();
    }
    for (const auto& name : Names()) {
      for (int i = 0; i < kReplicas; ++i) {
        bool later = false;
        for (const auto& l : options_.later) later = later || l == Key(name, i);
        if (!later) Start(name, i);
      }
    }
  }
  ~ReplicatedMesh() {
    for (auto it = processes_.rbegin(); it != processes_.rend(); ++it) {
      if (it->second) it->second->Terminate(absl::Seconds(20));
    }
  }

  // Started in this order, so each finds the ones it calls serving.
  static std::vector<std::string> Names() {
    return {"profile", "connection", "promomats", "gateway"};
  }
  static std::string Key(const std::string& name, int i) { return absl::StrCat(name, "/", i); }

  std::string Address(const std::string& name, int i) const {
    return absl::StrCat("127.0.0.1:", ports_.at(Key(name, i)));
  }
  // Every replica of `name`, as a gRPC target.
  std::string Target(const std::string& name) const {
    std::vector<std::string> all;
    for (int i = 0; i < kReplicas; ++i) all.push_back(Address(name, i));
    return absl::StrCat("ipv4:", absl::StrJoin(all, ","));
  }
  Process& process(const std::string& name, int i) { return *processes_.at(Key(name, i)); }

  // Starts replica `i` of `name` (again) on its port and waits until it serves.
  void Start(const std::string& name, int i) {
    std::map<std::string, std::string> env = {
        {"ENGAGE_GRPC_HOST", "127.0.0.1"},
        {"ENGAGE_GRPC_PORT", std::to_string(ports_.at(Key(name, i)))},
        {"ENGAGE_METRICS_PORT", "-1"},
        {"ENGAGE_SHUTDOWN_GRACE_SECONDS", "5"},
        {"ENGAGE_JWT_HS256_SECRET", kTestSecret},
        {"ENGAGE_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="},  // test only
        {"ENGAGE_LOG_LEVEL", "info"},
        {"ENGAGE_PROFILE_TARGET", Target("profile")},
        {"ENGAGE_CONNECTION_TARGET", Target("connection")},
        {"ENGAGE_PROMOMATS_TARGET", Target("promomats")},
    };
    if (name == "gateway") {
      for (const char* k :
           {"ENGAGE_RATE_LIMIT_PER_SECOND", "ENGAGE_RATE_LIMIT_BURST",
            "ENGAGE_TENANT_RATE_LIMIT_PER_SECOND", "ENGAGE_TENANT_RATE_LIMIT_BURST"})
        env[k] = "100000";
    } else {
      env["ENGAGE_DB_HOST"] = options_.db.host;
      env["ENGAGE_DB_PORT"] = std::to_string(options_.db.port);
      env["ENGAGE_DB_NAME"] = options_.db.name;
      env["ENGAGE_DB_USER"] = options_.db.user;
      env["ENGAGE_DB_PASSWORD"] = options_.db.password;
    }
    for (const std::string& key : {std::string("*"), name}) {
      auto extra = options_.env.find(key);
      if (extra == options_.env.end()) continue;
      for (const auto& [k, v] : extra->second) env[k] = v;
    }
    auto process = std::make_unique<Process>("engage-" + name, env);
    const std::string health =
        name == "gateway" ? ""
        : name == "profile"
            ? "engage.profile.v1.ProfileService"
            : absl::StrCat("engage.", name, ".v1.",
                           name == "connection" ? "ConnectionService" : "PromoMatsService");
    if (!WaitServing(Address(name, i), health, absl::Seconds(30))) {
      throw std::runtime_error(
          absl::StrCat(name, "/", i, " did not become SERVING; output:\n", process->Output()));
    }
    processes_[Key(name, i)] = std::move(process);
  }

  // The clients' channel: both gateways through the channel the services use
  // among themselves (round robin over replicas reporting SERVING, UNAVAILABLE
  // retried for reads only), so the load's write is never sent twice.
  std::shared_ptr<grpc::Channel> ClientChannel() const {
    return client::BalancedChannel(Target("gateway"), grpc::InsecureChannelCredentials());
  }

 private:
  Options options_;
  std::map<std::string, int> ports_;
  std::map<std::string, std::unique_ptr<Process>> processes_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_FAULTS_REPLICATED_MESH_H_
