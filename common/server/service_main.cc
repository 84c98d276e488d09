#include "common/server/service_main.h"

#include "absl/strings/str_cat.h"
#include "common/config/standard_options.h"
#include "common/log/log.h"
#include "common/server/server_runner.h"

namespace engage::server {
namespace {

void ExportPoolMetrics(mysql::Pool& pool) {
  Metrics::Get().AddCollector([&pool] {
    mysql::PoolStats s = pool.Stats();
    return absl::StrCat("# TYPE engage_db_pool_size gauge\nengage_db_pool_size ", s.size,
                        "\n# TYPE engage_db_pool_in_use gauge\nengage_db_pool_in_use ", s.in_use,
                        "\n# TYPE engage_db_pool_idle gauge\nengage_db_pool_idle ", s.idle,
                        "\n# TYPE engage_db_pool_wait_timeouts_total counter\n"
                        "engage_db_pool_wait_timeouts_total ",
                        s.wait_timeouts, "\n");
  });
}

}  // namespace

int RunDatabaseService(int argc, char** argv, const ServiceBinary& binary,
                       const std::vector<mysql::Migration>& known) {
  BlockShutdownSignals();
  config::Options options(binary.program, binary.summary);
  config::AddServerOptions(options, binary.default_port);
  config::AddDatabaseOptions(options);
  config::AddAuthOptions(options);
  options.AddInt("caller-state-ttl-millis", 5000, 0, 600000,
                 "how long a caller's active/deactivated state is kept before it is looked up "
                 "again (SEC-09: the most a deactivation takes to reach every replica)");
  if (binary.add_options) binary.add_options(options);
  config::ParseOrExit(options, argc, argv);
  log::Init(options.GetString("log-level"));

  const Clock& clock = SystemClock::Get();
  auto verifier = config::VerifierFrom(options, clock);
  if (!verifier.ok()) config::Fail(argv[0], verifier.status());
  auto pool = mysql::Pool::Open(config::DbConfigFrom(options));
  if (!pool.ok()) config::Fail(argv[0], pool.status());
  if (auto st = mysql::CheckSchema(**pool, known); !st.ok()) config::Fail(argv[0], st);
  ExportPoolMetrics(**pool);

  Gatekeeper gate(**verifier, clock,
                  absl::Milliseconds(options.GetInt("caller-state-ttl-millis")));
  audit::MysqlAuditTrail audit(**pool, clock, IdGenerator::Default());
  ServiceContext context{options, **pool, **verifier, gate, clock, audit};
  auto wiring = binary.build(context);
  if (!wiring.ok()) config::Fail(argv[0], wiring.status());

  ServerRunner runner(config::ServerConfigFrom(options));
  for (auto& [service, name] : (*wiring)->services) runner.AddService(service, name);
  if (auto st = runner.Start(); !st.ok()) config::Fail(argv[0], st);
  (*wiring)->Start();
  runner.ServeUntilSignal();
  (*wiring)->Stop();
  return 0;
}

}  // namespace engage::server
