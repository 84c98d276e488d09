// engage-profile: Engage profiles, branding, groups, accounts, categories.
#include "db/embedded_migrations.h"
#include "profile_svc/wiring.h"

int main(int argc, char** argv) {
  return engage::server::RunDatabaseService(argc, argv, engage::profile::ProfileServiceBinary(),
                                            engage::db::EmbeddedMigrations());
}
