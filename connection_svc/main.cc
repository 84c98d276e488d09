// engage-connection: invites, connections, automatic connections, change feed.
#include "connection_svc/wiring.h"
#include "db/embedded_migrations.h"

int main(int argc, char** argv) {
  return engage::server::RunDatabaseService(
      argc, argv, engage::connection::ConnectionServiceBinary(), engage::db::EmbeddedMigrations());
}
