// engage-migrate: applies the pending migrations of db/migrations and exits.
#include "absl/strings/str_cat.h"
#include "common/config/standard_options.h"
#include "common/log/log.h"
#include "db/embedded_migrations.h"

int main(int argc, char** argv) {
  engage::config::Options options(
      "engage-migrate", "applies pending schema migrations, once, even with replicas racing");
  engage::config::AddDatabaseOptions(options);
  options.AddChoice("log-level", "info", {"debug", "info", "warn", "error"}, "log level");
  engage::config::ParseOrExit(options, argc, argv);
  engage::log::Init(options.GetString("log-level"));

  auto pool = engage::mysql::Pool::Open(engage::config::DbConfigFrom(options));
  if (!pool.ok()) engage::config::Fail(argv[0], pool.status());
  auto applied = engage::mysql::Migrate(**pool, engage::db::EmbeddedMigrations());
  if (!applied.ok()) engage::config::Fail(argv[0], applied.status());
  engage::log::Info("schema up to date", {{"applied", absl::StrCat(*applied)}});
  return 0;
}
