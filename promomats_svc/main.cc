// engage-promomats: the PromoMats-CRM connection.
#include "common/server/service_main.h"
#include "db/embedded_migrations.h"
#include "promomats_svc/mysql_vault_store.h"
#include "promomats_svc/promomats_service.h"

namespace {

class PromoMatsWiring final : public engage::server::Wiring {
 public:
  explicit PromoMatsWiring(engage::server::ServiceContext& ctx)
      : vaults_(ctx.pool),
        service_(vaults_, ctx.verifier, ctx.clock, engage::IdGenerator::Default()) {
    services.emplace_back(&service_, engage::promomats::v1::PromoMatsService::service_full_name());
  }

 private:
  engage::promomats::MysqlVaultStore vaults_;
  engage::promomats::PromoMatsServiceImpl service_;
};

}  // namespace

int main(int argc, char** argv) {
  engage::server::ServiceBinary binary;
  binary.program = "engage-promomats";
  binary.summary = "PromoMats-CRM connection: vaults, records, documents, routing, metrics";
  binary.default_port = 50053;
  binary.build = [](engage::server::ServiceContext& ctx)
      -> absl::StatusOr<std::unique_ptr<engage::server::Wiring>> {
    return std::make_unique<PromoMatsWiring>(ctx);
  };
  return engage::server::RunDatabaseService(argc, argv, binary, engage::db::EmbeddedMigrations());
}
