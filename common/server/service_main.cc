#include "common/server/service_main.h"

#include <prometheus/counter.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/config/standard_options.h"
#include "common/log/log.h"
#include "common/server/metrics.h"
#include "common/server/server_runner.h"
#include "common/status/status_macros.h"

namespace engage::server {
namespace {

void ExportPoolMetrics(mysql::Pool& pool) {
  prometheus::Registry& registry = Metrics::Get().registry();
  auto gauge = [](const char* name, const char* help) -> prometheus::Gauge& {
    return Metrics::Get().GaugeFamily(name, help).Add({});
  };
  prometheus::Gauge& size = gauge("engage_db_pool_size", "Database connections the pool holds.");
  prometheus::Gauge& in_use = gauge("engage_db_pool_in_use", "Database connections lent out.");
  prometheus::Gauge& idle =
      gauge("engage_db_pool_idle", "Database connections waiting in the pool.");
  prometheus::Counter& timeouts =
      prometheus::BuildCounter()
          .Name("engage_db_pool_wait_timeouts_total")
          .Help("Callers that waited for a database connection past the bound.")
          .Register(registry)
          .Add({});
  Metrics::Get().AddRefresher([&pool, &size, &in_use, &idle, &timeouts, counted = 0LL]() mutable {
    const mysql::PoolStats s = pool.Stats();
    size.Set(s.size);
    in_use.Set(s.in_use);
    idle.Set(s.idle);
    timeouts.Increment(static_cast<double>(s.wait_timeouts - counted));
    counted = s.wait_timeouts;
  });
}

// SEC-11: a tenant's share of the replica's calls, below its pool's size so
// that other tenants always find a connection (a pool of one: one call).
absl::StatusOr<int> TenantCallsInFlight(const config::Options& options) {
  const int pool = static_cast<int>(options.GetInt("db-pool-size"));
  const int set = static_cast<int>(options.GetInt("tenant-calls-in-flight"));
  if (set == 0) return std::max(1, pool / 2);
  if (set >= pool && pool > 1) {
    return absl::InvalidArgumentError(absl::StrCat("invalid ENGAGE_TENANT_CALLS_IN_FLIGHT: ", set,
                                                   " must be below ENGAGE_DB_POOL_SIZE (", pool,
                                                   ") so other tenants keep connections (SEC-11)"));
  }
  return set;
}

}  // namespace

void AddServiceOptions(config::Options& options, const ServiceBinary& binary) {
  config::AddServerOptions(options, binary.default_port);
  config::AddDatabaseOptions(options);
  config::AddAuthOptions(options);
  client::ServiceTokenSource::AddOptions(options);
  config::AddOutboxOptions(options);
  options.AddInt("caller-state-ttl-millis", 5000, 0, 600000,
                 "how long a caller's active/deactivated state is kept before it is looked up "
                 "again (SEC-09: the most a deactivation takes to reach every replica)");
  options.AddInt("tenant-calls-in-flight", 0, 0, 511,
                 "calls of one tenant this replica's handlers run at once (SEC-11: the "
                 "tenant's share of the database pool; below db-pool-size); 0: half the pool, "
                 "at least 1. Long-lived streams are bounded apart");
  options.AddInt("tenant-call-wait-millis", -1, -1, 600000,
                 "how long a call past its tenant's share waits for one of the tenant's calls "
                 "to end before RESOURCE_EXHAUSTED with a RetryInfo (SEC-11); -1: "
                 "db-pool-wait-millis, so no call fails sooner than it would on the pool");
  if (binary.add_options) binary.add_options(options);
}

absl::StatusOr<std::unique_ptr<BuiltService>> BuildService(
    const config::Options& options, const ServiceBinary& binary, const Clock& clock,
    const std::vector<mysql::Migration>& known) {
  auto built = std::make_unique<BuiltService>();
  ASSIGN_OR_RETURN(built->verifier, config::VerifierFrom(options, clock));
  ASSIGN_OR_RETURN(built->pool, mysql::Pool::Open(config::DbConfigFrom(options)));
  RETURN_IF_ERROR(mysql::CheckSchema(*built->pool, known));
  built->gate = std::make_unique<Gatekeeper>(
      *built->verifier, clock, absl::Milliseconds(options.GetInt("caller-state-ttl-millis")));
  ASSIGN_OR_RETURN(const int per_tenant, TenantCallsInFlight(options));
  const auto wait = options.GetInt("tenant-call-wait-millis");
  built->gate->LimitTenantCalls(
      per_tenant, absl::Milliseconds(wait >= 0 ? wait : options.GetInt("db-pool-wait-millis")));
  built->audit =
      std::make_unique<audit::MysqlAuditTrail>(*built->pool, clock, IdGenerator::Default());
  ASSIGN_OR_RETURN(auto tokens,
                   client::ServiceTokenSource::From(options, binary.token_subject, clock));
  built->context.reset(new ServiceContext{options, *built->pool, *built->verifier, *built->gate,
                                          clock, *built->audit, std::move(tokens)});
  ASSIGN_OR_RETURN(built->wiring, binary.build(*built->context));
  return built;
}

int RunDatabaseService(int argc, char** argv, const ServiceBinary& binary,
                       const std::vector<mysql::Migration>& known) {
  BlockShutdownSignals();
  config::Options options(binary.program, binary.summary);
  AddServiceOptions(options, binary);
  config::ParseOrExit(options, argc, argv);
  log::Init(options.GetString("log-level"));

  auto built = BuildService(options, binary, SystemClock::Get(), known);
  if (!built.ok()) config::Fail(argv[0], built.status());
  ExportPoolMetrics(*(*built)->pool);
  Wiring& wiring = *(*built)->wiring;

  ServerRunner runner(config::ServerConfigFrom(options));
  for (auto& [service, name] : wiring.services) runner.AddService(service, name);
  if (auto st = runner.Start(); !st.ok()) config::Fail(argv[0], st);
  wiring.Start();
  runner.ServeUntilSignal([&wiring] { wiring.RequestStop(); });
  wiring.Stop();
  return 0;
}

}  // namespace engage::server
