// engage-promomats: the PromoMats-CRM connection.
#include "common/server/service_main.h"
#include "db/embedded_migrations.h"
#include "promomats_svc/dispatcher.h"
#include "promomats_svc/local_target_vault.h"
#include "promomats_svc/mysql_pmx_store.h"
#include "promomats_svc/mysql_vault_store.h"
#include "promomats_svc/promomats_internal_service.h"
#include "promomats_svc/promomats_service.h"

namespace {

class PromoMatsWiring final : public engage::server::Wiring {
 public:
  explicit PromoMatsWiring(engage::server::ServiceContext& ctx)
      : vaults_(ctx.pool),
        store_(ctx.pool),
        target_(ctx.pool, ctx.clock, engage::IdGenerator::Default()),
        dispatcher_(store_, target_, ctx.clock, engage::IdGenerator::Default()),
        service_(vaults_, store_, target_, ctx.verifier, ctx.clock, engage::IdGenerator::Default()),
        internal_(dispatcher_, ctx.verifier),
        interval_ms_(ctx.options.GetInt("dispatch-interval-ms")) {
    services.emplace_back(&service_, engage::promomats::v1::PromoMatsService::service_full_name());
    services.emplace_back(&internal_,
                          engage::promomats::v1::PromoMatsInternalService::service_full_name());
  }

  void Start() override {
    if (interval_ms_ > 0) dispatcher_.Start(absl::Milliseconds(interval_ms_));
  }
  void Stop() override { dispatcher_.Stop(); }

 private:
  engage::promomats::MysqlVaultStore vaults_;
  engage::promomats::MysqlPmxStore store_;
  engage::promomats::LocalTargetVault target_;
  engage::promomats::Dispatcher dispatcher_;
  engage::promomats::PromoMatsServiceImpl service_;
  engage::promomats::PromoMatsInternalServiceImpl internal_;
  long long interval_ms_;
};

}  // namespace

int main(int argc, char** argv) {
  engage::server::ServiceBinary binary;
  binary.program = "engage-promomats";
  binary.summary = "PromoMats-CRM connection: vaults, records, documents, routing, metrics";
  binary.default_port = 50053;
  binary.add_options = [](engage::config::Options& options) {
    options.AddInt("dispatch-interval-ms", 500, 0, 3600000,
                   "how often the outbox dispatcher delivers pending changes (0: only when "
                   "PromoMatsInternalService.RunDispatcher is called)");
  };
  binary.build = [](engage::server::ServiceContext& ctx)
      -> absl::StatusOr<std::unique_ptr<engage::server::Wiring>> {
    return std::make_unique<PromoMatsWiring>(ctx);
  };
  return engage::server::RunDatabaseService(argc, argv, binary, engage::db::EmbeddedMigrations());
}
