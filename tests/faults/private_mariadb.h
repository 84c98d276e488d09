#ifndef ENGAGE_TESTS_FAULTS_PRIVATE_MARIADB_H_
#define ENGAGE_TESTS_FAULTS_PRIVATE_MARIADB_H_

// A MariaDB of a fault test's own, started by tests/support's script
// (scripts/lib/mariadb.sh) on a free port with every migration applied, so
// the test can stop it and start it again on the same port and data folder
// (the shared test MariaDB serves the other tests).
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/mysql/mysql_migrator.h"
#include "common/mysql/pool.h"
#include "db/embedded_migrations.h"
#include "tests/support/test_env.h"

namespace engage::testing {

class PrivateMariaDb {
 public:
  PrivateMariaDb() : dir_(absl::StrCat(TestDir(), "/", UniqueName("fault-mariadb-"))) {
    port_ = FreePort();
    Run("mariadb_start", std::to_string(port_));
    config_ = TestServerConfig();
    config_.port = port_;
    config_.name = "engage";
    auto pool = mysql::Pool::Open(config_);
    if (!pool.ok()) throw std::runtime_error(std::string(pool.status().message()));
    pool_ = std::move(*pool);
    auto migrated = mysql::Migrate(*pool_, db::EmbeddedMigrations());
    if (!migrated.ok()) throw std::runtime_error(std::string(migrated.status().message()));
  }
  ~PrivateMariaDb() {
    Stop();
    (void)std::system(absl::StrCat("rm -rf '", dir_, "'").c_str());
  }
  void Stop() { Run("mariadb_stop", ""); }
  void Start() { Run("mariadb_start", std::to_string(port_)); }
  const mysql::DbConfig& config() const { return config_; }
  // The test's own pool on it (it reconnects after a restart, as the services' do).
  mysql::Pool& pool() { return *pool_; }

 private:
  void Run(const std::string& fn, const std::string& arg) {
    const std::string cmd =
        absl::StrCat("bash -c 'source \"", ENGAGE_SOURCE_DIR, "/scripts/lib/mariadb.sh\" && ", fn,
                     " \"", dir_, "\" ", arg, "' >/dev/null 2>&1");
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("failed: " + cmd);
  }

  std::string dir_;
  int port_ = 0;
  mysql::DbConfig config_;
  std::unique_ptr<mysql::Pool> pool_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_FAULTS_PRIVATE_MARIADB_H_
