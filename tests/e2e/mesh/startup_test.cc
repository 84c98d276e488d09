// A binary that cannot run stops at once with a one-line reason and a
// non-zero exit: no crash, no hang.
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

std::map<std::string, std::string> ServiceEnv(const mysql::DbConfig& db) {
  return {{"ENGAGE_GRPC_HOST", "127.0.0.1"},   {"ENGAGE_GRPC_PORT", std::to_string(FreePort())},
          {"ENGAGE_METRICS_PORT", "-1"},       {"ENGAGE_JWT_HS256_SECRET", kTestSecret},
          {"ENGAGE_DB_HOST", db.host},         {"ENGAGE_DB_PORT", std::to_string(db.port)},
          {"ENGAGE_DB_NAME", db.name},         {"ENGAGE_DB_USER", db.user},
          {"ENGAGE_DB_PASSWORD", db.password}, {"ENGAGE_DB_CONNECT_TIMEOUT_SECONDS", "2"}};
}

// Runs `binary` to its end; expects `code` and one output line containing `needle`.
void ExpectRefusal(const std::string& binary, const std::map<std::string, std::string>& env,
                   int code, const std::string& needle) {
  Process p(binary, env);
  EXPECT_EQ(p.WaitExit(absl::Seconds(15)), code) << p.Output();
  std::string out = p.Output();
  std::vector<std::string> lines = absl::StrSplit(out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 1u) << out;
  EXPECT_NE(lines[0].find(needle), std::string::npos) << out;
}

TEST(StartupTest, BadConfigurationValueStopsEveryBinaryNamingIt) {
  TestDatabase db;
  for (const char* binary :
       {"engage-profile", "engage-connection", "engage-promomats", "engage-gateway"}) {
    auto env = ServiceEnv(db.config());
    env["ENGAGE_SHUTDOWN_GRACE_SECONDS"] = "forever";
    ExpectRefusal(binary, env, 2, "ENGAGE_SHUTDOWN_GRACE_SECONDS");
  }
}

TEST(StartupTest, UnreachableDatabaseStopsTheService) {
  TestDatabase db;
  auto env = ServiceEnv(db.config());
  env["ENGAGE_DB_PORT"] = std::to_string(FreePort());
  ExpectRefusal("engage-profile", env, 1, "database unreachable");
  ExpectRefusal("engage-migrate", env, 1, "database unreachable");
}

TEST(StartupTest, DatabaseWithUnknownMigrationIsRefused) {
  TestDatabase db;
  ASSERT_TRUE(
      db.pool()
          .Execute("INSERT INTO schema_migrations VALUES ('9999', '9999_from_the_future.sql', "
                   "REPEAT('0', 64), UTC_TIMESTAMP(6))")
          .ok());
  auto env = ServiceEnv(db.config());
  for (const char* binary :
       {"engage-profile", "engage-connection", "engage-promomats", "engage-migrate"}) {
    ExpectRefusal(binary, env, 1, "9999_from_the_future.sql");
  }
}

TEST(StartupTest, MissingJwtKeyIsRefused) {
  TestDatabase db;
  auto env = ServiceEnv(db.config());
  env.erase("ENGAGE_JWT_HS256_SECRET");
  ExpectRefusal("engage-gateway", env, 1, "ENGAGE_JWT_HS256_SECRET");
}

}  // namespace
}  // namespace engage::testing
