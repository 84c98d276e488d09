#include "common/mysql/mysql_migrator.h"

#include <gtest/gtest.h>

#include <thread>

#include "db/embedded_migrations.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace engage::mysql {
namespace {

// A database with nothing in it (TestDatabase migrates; these tests start bare).
class BareDatabase {
 public:
  BareDatabase() : name_(engage::testing::UniqueName("bare_")) {
    admin_ = std::move(*Pool::Open(engage::testing::TestServerConfig()));
    (void)admin_->Execute("CREATE DATABASE " + name_);
  }
  ~BareDatabase() { (void)admin_->Execute("DROP DATABASE " + name_); }
  std::unique_ptr<Pool> Open() {
    return std::move(*Pool::Open(engage::testing::TestServerConfig(name_)));
  }

 private:
  std::string name_;
  std::unique_ptr<Pool> admin_;
};

const std::vector<Migration> kTwo = {
    {"0001", "0001_a.sql", "CREATE TABLE a (id INT PRIMARY KEY);\nINSERT INTO a VALUES (1);\n"},
    {"0002", "0002_b.sql", "-- a comment\nCREATE TABLE b (id INT PRIMARY KEY);\n"},
};

TEST(MigratorTest, AppliesPendingInOrderAndOnlyOnce) {
  BareDatabase db;
  auto pool = db.Open();
  EXPECT_EQ(*Migrate(*pool, {kTwo[0]}), 1);
  EXPECT_EQ(*Migrate(*pool, kTwo), 1);
  EXPECT_EQ(*Migrate(*pool, kTwo), 0);
  EXPECT_TRUE(CheckSchema(*pool, kTwo).ok());
  EXPECT_EQ((*pool->Query("SELECT COUNT(*) FROM a"))[0].Int(0), 1);
}

TEST(MigratorTest, ReplicasRacingApplyEachFileOnce) {
  BareDatabase db;
  std::vector<std::thread> replicas;
  std::atomic<int> applied{0};
  for (int i = 0; i < 4; ++i) {
    replicas.emplace_back([&] {
      auto pool = db.Open();
      auto n = Migrate(*pool, kTwo);
      if (n.ok()) applied += *n;
    });
  }
  for (auto& t : replicas) t.join();
  EXPECT_EQ(applied.load(), 2);
  auto pool = db.Open();
  // The INSERT of 0001 ran exactly once.
  EXPECT_EQ((*pool->Query("SELECT COUNT(*) FROM a"))[0].Int(0), 1);
}

TEST(MigratorTest, UnknownMigrationInTheDatabaseIsRefused) {
  BareDatabase db;
  auto pool = db.Open();
  ASSERT_TRUE(Migrate(*pool, kTwo).ok());
  absl::Status st = CheckSchema(*pool, {kTwo[0]});
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(st.message().find("0002_b.sql"), std::string::npos) << st.message();
  EXPECT_EQ(Migrate(*pool, {kTwo[0]}).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(MigratorTest, ChangedMigrationIsRefused) {
  BareDatabase db;
  auto pool = db.Open();
  ASSERT_TRUE(Migrate(*pool, kTwo).ok());
  std::vector<Migration> edited = kTwo;
  edited[1].sql += "CREATE TABLE c (id INT);\n";
  EXPECT_NE(CheckSchema(*pool, edited).message().find("changed after it was applied"),
            std::string::npos);
}

TEST(MigratorTest, MissingMigrationIsReportedToServices) {
  BareDatabase db;
  auto pool = db.Open();
  EXPECT_NE(CheckSchema(*pool, kTwo).message().find("run engage-migrate"), std::string::npos);
  ASSERT_TRUE(Migrate(*pool, {kTwo[0]}).ok());
  EXPECT_NE(CheckSchema(*pool, kTwo).message().find("0002_b.sql is not applied"),
            std::string::npos);
}

TEST(MigratorTest, ProjectMigrationsApplyCleanly) {
  engage::testing::TestDatabase db;  // applies db/migrations
  EXPECT_TRUE(CheckSchema(db.pool(), engage::db::EmbeddedMigrations()).ok());
}

// The project's migrations older than `version`: a database as it was just
// before that migration, to test what the migration does to rows already there.
std::vector<Migration> ProjectMigrationsBefore(const std::string& version) {
  std::vector<Migration> before;
  for (const auto& m : engage::db::EmbeddedMigrations()) {
    if (m.version < version) before.push_back(m);
  }
  return before;
}

// PRF-10 (attack review 6, finding 10): migration 0130 shortens the merge
// chains recorded before it, so every loser points at its final winner; other
// orgs' and tenants' rows are left to their own chains.
TEST(MigratorTest, PRF10_Migration0130PointsEveryRecordedLoserAtItsFinalWinner) {
  BareDatabase db;
  auto pool = db.Open();
  ASSERT_TRUE(Migrate(*pool, ProjectMigrationsBefore("0130")).ok());
  auto merge = [&](const std::string& tenant, const std::string& org, const std::string& losing,
                   const std::string& winning) {
    ASSERT_TRUE(pool->Execute("INSERT INTO account_merges (tenant_id, org_id, losing_account_id, "
                              "winning_account_id, merge_time) VALUES (?, ?, ?, ?, NOW(6))",
                              {tenant, org, losing, winning})
                    .ok());
  };
  const std::string org = "00D000000000001AAA";
  for (int i = 0; i < 65; ++i) {  // the longest chain RecordMerge could extend
    merge("acme", org, "C" + std::to_string(i), "C" + std::to_string(i + 1));
  }
  merge("acme", "00D000000000002BBB", "C65", "Z");  // another org: not C65's winner
  merge("other", org, "C65", "Y");                  // another tenant
  merge("acme", org, "D0", "D1");
  ASSERT_TRUE(Migrate(*pool, engage::db::EmbeddedMigrations()).ok());
  auto rows = pool->Query(
      "SELECT tenant_id, org_id, losing_account_id, winning_account_id FROM account_merges", {});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 68u);
  for (const auto& r : *rows) {
    const std::string losing = r.String(2);
    std::string want = losing[0] == 'C' ? "C65" : "D1";
    if (r.String(0) == "other") want = "Y";
    if (r.String(1) != org) want = "Z";
    EXPECT_EQ(r.String(3), want) << r.String(0) << " " << r.String(1) << " " << losing;
  }
}

// PMX-06 (attack review 6, finding 9): migration 0131 gives the first CRM
// vault of each domain (any spelling) the tenant's one crm_domain; a duplicate
// registered before keeps working (NULL, no collision), a PromoMats vault has
// none, and a new duplicate is refused by the key.
TEST(MigratorTest, PMX06_Migration0131KeepsTheFirstCrmVaultOfEachDomain) {
  BareDatabase db;
  auto pool = db.Open();
  ASSERT_TRUE(Migrate(*pool, ProjectMigrationsBefore("0131")).ok());
  auto vault = [&](const std::string& tenant, const std::string& id, int kind,
                   const std::string& domain) {
    return pool->Execute(
        "INSERT INTO vaults (tenant_id, vault_id, name, kind, type, domain, request_id, "
        "create_time) VALUES (?, ?, ?, ?, 1, ?, ?, NOW(6))",
        {tenant, id, id, int64_t{kind}, domain, id});
  };
  ASSERT_TRUE(vault("acme", "01B0000000000000000000CRM1", 2, "Acme.example.com").ok());
  ASSERT_TRUE(vault("acme", "01A0000000000000000000CRM0", 2, "acme.example.com").ok());
  ASSERT_TRUE(vault("acme", "01C00000000000000000000PM0", 1, "acme.example.com").ok());
  ASSERT_TRUE(vault("other", "01D0000000000000000000CRM2", 2, "acme.example.com").ok());
  ASSERT_TRUE(Migrate(*pool, engage::db::EmbeddedMigrations()).ok());
  auto rows = pool->Query("SELECT vault_id, crm_domain FROM vaults ORDER BY vault_id", {});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].String(1), "acme.example.com");  // the first of acme's
  EXPECT_TRUE((*rows)[1].IsNull(1));                    // its later duplicate
  EXPECT_TRUE((*rows)[2].IsNull(1));                    // a PromoMats vault
  EXPECT_EQ((*rows)[3].String(1), "acme.example.com");  // another tenant's own
  EXPECT_FALSE(pool->Execute("UPDATE vaults SET crm_domain = 'acme.example.com' "
                             "WHERE vault_id = '01B0000000000000000000CRM1'")
                   .ok());
}

TEST(MigratorTest, SplitStatementsDropsCommentsAndBlankLines) {
  auto stmts =
      SplitStatements("-- c\n\nCREATE TABLE x (\n  id INT\n);\nINSERT INTO x VALUES (1);\n");
  ASSERT_EQ(stmts.size(), 2u);
  EXPECT_EQ(stmts[1], "INSERT INTO x VALUES (1)");
}

}  // namespace
}  // namespace engage::mysql
