#ifndef ENGAGE_TESTS_SUPPORT_IN_PROCESS_SERVICE_H_
#define ENGAGE_TESTS_SUPPORT_IN_PROCESS_SERVICE_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/config/config.h"
#include "common/server/service_main.h"
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
  static absl::StatusOr<std::unique_ptr<InProcessService>> Start(
      const server::ServiceBinary& binary, std::map<std::string, std::string> flags = {});
  ~InProcessService();

  std::shared_ptr<grpc::Channel> channel() { return channel_; }
  mysql::Pool& pool() { return database_.pool(); }
  server::ServiceContext& context() { return *built_->context; }

 private:
  explicit InProcessService(const server::ServiceBinary& binary);

  TestDatabase database_;
  config::Options options_;
  std::unique_ptr<server::BuiltService> built_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_IN_PROCESS_SERVICE_H_
