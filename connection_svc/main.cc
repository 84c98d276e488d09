// engage-connection: invites, connections, automatic connections, change feed.
#include "common/server/service_main.h"
#include "connection_svc/connection_service.h"
#include "connection_svc/mysql_connection_store.h"
#include "db/embedded_migrations.h"

namespace {

class ConnectionWiring final : public engage::server::Wiring {
 public:
  explicit ConnectionWiring(engage::server::ServiceContext& ctx)
      : store_(ctx.pool), service_(store_, ctx.verifier) {
    services.emplace_back(&service_,
                          engage::connection::v1::ConnectionService::service_full_name());
  }

 private:
  engage::connection::MysqlConnectionStore store_;
  engage::connection::ConnectionServiceImpl service_;
};

}  // namespace

int main(int argc, char** argv) {
  engage::server::ServiceBinary binary;
  binary.program = "engage-connection";
  binary.summary = "connection service: invites, QR codes, connections, change feed";
  binary.default_port = 50052;
  binary.build = [](engage::server::ServiceContext& ctx)
      -> absl::StatusOr<std::unique_ptr<engage::server::Wiring>> {
    return std::make_unique<ConnectionWiring>(ctx);
  };
  return engage::server::RunDatabaseService(argc, argv, binary, engage::db::EmbeddedMigrations());
}
