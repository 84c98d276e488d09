// engage-promomats: the PromoMats-CRM connection.
#include "db/embedded_migrations.h"
#include "promomats_svc/wiring.h"

int main(int argc, char** argv) {
  return engage::server::RunDatabaseService(argc, argv, engage::promomats::PromoMatsServiceBinary(),
                                            engage::db::EmbeddedMigrations());
}
