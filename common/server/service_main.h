#ifndef ENGAGE_COMMON_SERVER_SERVICE_MAIN_H_
#define ENGAGE_COMMON_SERVER_SERVICE_MAIN_H_

#include <grpcpp/impl/codegen/service_type.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/mysql_audit_trail.h"
#include "common/auth/jwt.h"
#include "common/client/service_client.h"
#include "common/config/config.h"
#include "common/mysql/mysql_migrator.h"
#include "common/mysql/pool.h"
#include "common/server/gatekeeper.h"
#include "common/time/clock.h"

namespace engage::server {

// What a service's main builds once configuration, database and verifier are
// ready: its gRPC services (owned here) and optional background work.
class Wiring {
 public:
  virtual ~Wiring() = default;
  // (service, full proto name) pairs; the subclass owns the services.
  std::vector<std::pair<grpc::Service*, std::string>> services;
  // Adds `impl`, the handlers of the generated service `Generated`, under
  // Generated's full proto name.
  template <typename Generated>
  void Serve(typename Generated::Service& impl) {
    services.emplace_back(&impl, Generated::service_full_name());
  }
  // Background work started once the server serves, stopped before it exits.
  virtual void Start() {}
  // At the shutdown signal, before calls drain: background work heads for a
  // safe point at once, so it ends within the same grace period (issue 18).
  virtual void RequestStop() {}
  // After calls drained: waits for background work to end.
  virtual void Stop() {}
};

struct ServiceContext {
  const config::Options& options;
  mysql::Pool& pool;
  const auth::JwtVerifier& verifier;
  // Admits every call of the service's handlers; the build may give it a
  // caller directory (SEC-09).
  Gatekeeper& gate;
  const Clock& clock;
  // SEC-12: reads of HCP contact data and connection changes.
  audit::MysqlAuditTrail& audit;
  // The SERVICE tokens of this service's calls to the other services.
  std::shared_ptr<client::ServiceTokenSource> tokens;
};

struct ServiceBinary {
  std::string program;
  std::string summary;
  int default_port = 0;
  // The subject of the SERVICE tokens it mints for its calls to other services.
  std::string token_subject;
  // Declares options of this binary beyond the standard groups (may be empty).
  std::function<void(config::Options&)> add_options;
  std::function<absl::StatusOr<std::unique_ptr<Wiring>>(ServiceContext&)> build;
};

// The options every database-backed service takes (server, database, auth,
// service tokens, outbox), plus the binary's own.
void AddServiceOptions(config::Options& options, const ServiceBinary& binary);

// A service built from parsed options: verifier, pool (schema checked against
// `known`), gatekeeper, audit trail, service tokens and the binary's wiring. What
// RunDatabaseService serves on its ports, and what tests serve in process.
struct BuiltService {
  std::unique_ptr<auth::JwtVerifier> verifier;
  std::unique_ptr<mysql::Pool> pool;
  std::unique_ptr<Gatekeeper> gate;
  std::unique_ptr<audit::MysqlAuditTrail> audit;
  std::unique_ptr<ServiceContext> context;
  std::unique_ptr<Wiring> wiring;  // declared last: destroyed first
};
absl::StatusOr<std::unique_ptr<BuiltService>> BuildService(
    const config::Options& options, const ServiceBinary& binary, const Clock& clock,
    const std::vector<mysql::Migration>& known);

// The whole life of a database-backed service binary: options (exit 2 on a bad
// value), database pool and schema check against `known` (exit 1 with a
// one-line reason when unreachable or not at the expected migrations), the
// server, then graceful shutdown on SIGTERM (exit 0).
int RunDatabaseService(int argc, char** argv, const ServiceBinary& binary,
                       const std::vector<mysql::Migration>& known);

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_SERVICE_MAIN_H_
