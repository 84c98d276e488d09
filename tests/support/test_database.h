#ifndef ENGAGE_TESTS_SUPPORT_TEST_DATABASE_H_
#define ENGAGE_TESTS_SUPPORT_TEST_DATABASE_H_

#include <memory>
#include <string>

#include "common/mysql/pool.h"

namespace engage::testing {

// A database of its own on the test MariaDB, with every migration applied;
// dropped when the object goes. Each test that writes gets one (or its own
// tenant in a shared one), so tests never see each other's rows.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();

  mysql::Pool& pool() { return *pool_; }
  const std::string& name() const { return name_; }
  mysql::DbConfig config() const;

 private:
  std::string name_;
  std::unique_ptr<mysql::Pool> admin_;
  std::unique_ptr<mysql::Pool> pool_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_TEST_DATABASE_H_
