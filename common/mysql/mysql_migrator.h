#ifndef ENGAGE_COMMON_MYSQL_MYSQL_MIGRATOR_H_
#define ENGAGE_COMMON_MYSQL_MYSQL_MIGRATOR_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/mysql/pool.h"

namespace engage::mysql {

struct Migration {
  std::string version;  // "0001"
  std::string name;     // "0001_profiles.sql"
  std::string sql;      // statements separated by ";" at line ends
};

// Applies the pending migrations in order and records each (version, name,
// SHA-256). Holds a database lock while it works, so replicas starting at once
// apply each file exactly once. Refuses (FAILED_PRECONDITION) a database that
// holds a migration not in `known`, or one whose recorded checksum differs.
// Returns how many it applied.
absl::StatusOr<int> Migrate(Pool& pool, const std::vector<Migration>& known);

// For services at start: OK only when the database holds exactly `known`.
// FAILED_PRECONDITION names the unknown or missing migration.
absl::Status CheckSchema(Pool& pool, const std::vector<Migration>& known);

// The statements of one migration file (comments and blank lines dropped).
std::vector<std::string> SplitStatements(const std::string& sql);

}  // namespace engage::mysql

#endif  // ENGAGE_COMMON_MYSQL_MYSQL_MIGRATOR_H_
