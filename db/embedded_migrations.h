#ifndef ENGAGE_DB_EMBEDDED_MIGRATIONS_H_
#define ENGAGE_DB_EMBEDDED_MIGRATIONS_H_

#include <vector>

#include "common/mysql/mysql_migrator.h"

namespace engage::db {

// The migrations of db/migrations this binary was built with, in order.
const std::vector<mysql::Migration>& EmbeddedMigrations();

}  // namespace engage::db

#endif  // ENGAGE_DB_EMBEDDED_MIGRATIONS_H_
