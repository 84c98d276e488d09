#ifndef ENGAGE_TESTS_SUPPORT_IN_PROCESS_SERVICE_H_
#define ENGAGE_TESTS_SUPPORT_IN_PROCESS_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/server/service_main.h"
#include "gtest/gtest.h"
#include "tests/support/test_database.h"

namespace engage::testing {

// A service binary's own wiring (ServiceBinary: its real stores on a fresh
// test database, the real Gatekeeper, audit trail and handlers) served on an
// in-process channel, with the interceptors every server has. Tests of a
// handler's validation, access and mapping use it without ports or processes;
// tests/e2e keeps the paths that cross processes. Call it with
// Mesh::Context(token) as the client context.
class InProcessService {
 public:
  // `flags`: options beyond those set here (database, test secret, no
  // background schedulers), e.g. {"secret-key", "..."}.
  // `on_loopback`: also listen on a free 127.0.0.1 port (target()), so
  // another in-process service can call this one (e.g. connection_svc and
  // promomats_svc asking profile_svc for callers' state, SEC-09).
  static absl::StatusOr<std::unique_ptr<InProcessService>> Start(
      const server::ServiceBinary& binary, std::map<std::string, std::string> flags = {},
      bool on_loopback = false);
  ~InProcessService();

  std::shared_ptr<grpc::Channel> channel() { return channel_; }
  // "127.0.0.1:<port>" when started on_loopback, else empty.
  const std::string& target() const { return target_; }
  mysql::Pool& pool() { return database_.pool(); }
  server::ServiceContext& context() { return *built_->context; }

 private:
  explicit InProcessService(const server::ServiceBinary& binary);

  TestDatabase database_;
  config::Options options_;
  std::unique_ptr<server::BuiltService> built_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string target_;
};

// A service that asks profile_svc (connection_svc, promomats_svc: callers'
// state, SEC-09; profile owners): profile_svc's own wiring on a fresh
// database, served on loopback, and `binary` in process with it as its
// profile-target. `service` is destroyed first (members in reverse order).
struct WithProfiles {
  std::unique_ptr<InProcessService> profiles;
  std::unique_ptr<InProcessService> service;
};
absl::StatusOr<WithProfiles> StartWithProfiles(const server::ServiceBinary& binary);

// A test suite of the service `Binary()` serves, started beside profile_svc
// once for the suite (each fixture starts fresh databases).
template <server::ServiceBinary (*Binary)()>
class WithProfilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto started = StartWithProfiles(Binary());
    ASSERT_TRUE(started.ok()) << started.status();
    started_ = new WithProfiles(*std::move(started));
  }
  static void TearDownTestSuite() {
    delete started_;
    started_ = nullptr;
  }
  static InProcessService& service() { return *started_->service; }

 private:
  static inline WithProfiles* started_ = nullptr;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_IN_PROCESS_SERVICE_H_
