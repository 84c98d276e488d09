#include "tests/support/test_database.h"

#include <stdexcept>

#include "common/mysql/mysql_migrator.h"
#include "db/embedded_migrations.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

template <typename T>
T OrThrow(absl::StatusOr<T> v, const char* what) {
  if (!v.ok())
    throw std::runtime_error(std::string(what) + ": " + std::string(v.status().message()));
  return std::move(*v);
}

}  // namespace

TestDatabase::TestDatabase() : name_(UniqueName("t_")) {
  admin_ = OrThrow(mysql::Pool::Open(TestServerConfig()), "connect to the test MariaDB");
  OrThrow(admin_->Execute("CREATE DATABASE " + name_), "create test database");
  pool_ = OrThrow(mysql::Pool::Open(config()), "connect to the test database");
  OrThrow(mysql::Migrate(*pool_, db::EmbeddedMigrations()), "migrate the test database");
}

TestDatabase::~TestDatabase() {
  pool_.reset();
  (void)admin_->Execute("DROP DATABASE IF EXISTS " + name_);
}

mysql::DbConfig TestDatabase::config() const { return TestServerConfig(name_); }

}  // namespace engage::testing
