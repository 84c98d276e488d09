// MysqlUserStore against MariaDB: ListUsers' search is answered from the
// indexes of migration 0070 (EXPLAIN shows no scan of the users table), and
// a move is one transaction that a refusal leaves untouched.
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "profile_svc/mysql_user_store.h"
#include "tests/integration/profile_svc/profile_fixture.h"

namespace engage::profile {
namespace {

class UserStoreTest : public ProfileDbTest {
 protected:
  UserStoreTest() : users_(db_.pool()) {}

  // `n` users of `tenant`, 500 to a statement (a large tenant without n round trips).
  void ManyUsers(const std::string& tenant, int n) {
    for (int from = 1; from <= n; from += 500) {
      std::string sql =
          "INSERT INTO users (tenant_id, user_id, subject, first_name, last_name, email, "
          "country, user_type, request_id, create_time, update_time) VALUES ";
      mysql::Params params;
      for (int i = from; i < from + 500 && i <= n; ++i) {
        absl::StrAppend(&sql, i == from ? "" : ",",
                        "(?, ?, ?, ?, ?, ?, 'US', 1, ?, NOW(6), NOW(6))");
        const std::string id = std::string(26 - std::to_string(i).size(), '0') + std::to_string(i);
        for (const std::string& v :
             {tenant, id, "s" + std::to_string(i), "First" + std::to_string(i),
              "Last" + std::to_string(i), "user" + std::to_string(i) + "@bulk.example",
              "r" + std::to_string(i)}) {
          params.push_back(v);
        }
      }
      auto done = db_.pool().Execute(sql, params);
      ASSERT_TRUE(done.ok()) << done.status();
    }
    ASSERT_TRUE(db_.pool().Query("ANALYZE TABLE users").ok());
  }

  // EXPLAIN rows of ListUsers' statement: table, type, key.
  std::vector<std::array<std::string, 3>> Explain(const UserFilter& filter) {
    UserQuery q = ListUsersQuery(tenant_, filter, "", 51);
    auto rows = db_.pool().Query("EXPLAIN " + q.sql, q.params);
    EXPECT_TRUE(rows.ok()) << rows.status();
    std::vector<std::array<std::string, 3>> out;
    if (!rows.ok()) return out;
    for (const auto& r : *rows) {
      out.push_back({r.IsNull(2) ? "" : r.String(2), r.IsNull(3) ? "" : r.String(3),
                     r.IsNull(5) ? "" : r.String(5)});
    }
    return out;
  }

  MysqlUserStore users_;
};

TEST_F(UserStoreTest, PRF02_SearchUsesTheSearchIndexesNeverAScanOfUsers) {
  ManyUsers(tenant_, 3000);
  ManyUsers("other", 3000);
  for (const UserFilter& filter :
       {UserFilter{"last12", "", UserState::kAny}, UserFilter{"user7", "", UserState::kActive},
        UserFilter{"first1 last1", "00D000000000001AAA", UserState::kAny}}) {
    std::set<std::string> keys;
    for (const auto& [table, type, key] : Explain(filter)) {
      if (!table.empty() && table[0] == '<') continue;  // the united ids, not a table
      EXPECT_NE(type, "ALL") << filter.query << ": " << table << " is scanned";
      EXPECT_FALSE(key.empty()) << filter.query << ": " << table << " uses no index";
      if (table == "users") keys.insert(key);
    }
    EXPECT_EQ(keys, (std::set<std::string>{"users_search_full_name", "users_search_last_name",
                                           "users_search_email"}))
        << filter.query;
  }
  auto found = users_.ListUsers(tenant_, {"LAST299", "", UserState::kAny}, "", 50);
  ASSERT_TRUE(found.ok()) << found.status();
  // Last299, Last2990..Last2999: one tenant's only.
  ASSERT_EQ(found->size(), 11u);
  for (const auto& u : *found) EXPECT_EQ(u.last_name.substr(0, 7), "Last299");
  EXPECT_TRUE(std::is_sorted(found->begin(), found->end(),
                             [](const auto& a, const auto& b) { return a.user_id < b.user_id; }));
}

TEST_F(UserStoreTest, PRF02_WildcardsMatchThemselvesWithNoBackslashEscapesOn) {
  const std::string lasts[] = {"O_Neil", "OxNeil", "O\\Neil"};
  for (int i = 0; i < 3; ++i) {
    const std::string n = std::to_string(i + 1);
    auto done = db_.pool().Execute(
        "INSERT INTO users (tenant_id, user_id, subject, first_name, last_name, email, country, "
        "user_type, request_id, create_time, update_time) VALUES (?, ?, ?, 'Ann', ?, ?, 'US', 1, "
        "?, NOW(6), NOW(6))",
        {tenant_, std::string(25, '0') + n, "s" + n, lasts[i], "ann" + n + "@x.example", "r" + n});
    ASSERT_TRUE(done.ok()) << done.status();
  }
  // The statement names its escape character, so the server's sql_mode does
  // not change what a query matches.
  for (const char* mode : {"", "NO_BACKSLASH_ESCAPES"}) {
    std::vector<std::string> found;
    absl::Status st = db_.pool().Run([&](mysql::Session& s) -> absl::Status {
      auto old = s.Query("SELECT @@SESSION.sql_mode");
      if (!old.ok()) return old.status();
      const std::string saved = (*old)[0].String(0);
      auto set = s.Execute(absl::StrCat("SET SESSION sql_mode = '", mode, "'"));
      if (!set.ok()) return set.status();
      for (const char* q : {"o_", "o\\"}) {
        UserQuery query = ListUsersQuery(tenant_, {q, "", UserState::kAny}, "", 50);
        auto rows = s.Query(query.sql, query.params);
        if (!rows.ok()) return rows.status();
        found.push_back(absl::StrCat(q, ":", rows->size()));
      }
      return s.Execute("SET SESSION sql_mode = ?", {saved}).status();
    });
    ASSERT_TRUE(st.ok()) << mode << ": " << st;
    EXPECT_EQ(found, (std::vector<std::string>{"o_:1", "o\\:1"})) << mode;
  }
}

TEST_F(UserStoreTest, PRF02_ListingWithoutAQueryReadsTheTenantInKeyOrder) {
  ManyUsers(tenant_, 500);
  for (const auto& [table, type, key] : Explain({"", "", UserState::kAny})) {
    if (table == "u") {
      EXPECT_NE(type, "ALL");
      EXPECT_EQ(key, "PRIMARY");
    }
  }
  for (const auto& [table, type, key] : Explain({"", "00D000000000001AAA", UserState::kAny})) {
    if (table == "u") {
      EXPECT_EQ(key, "users_org");
    }
  }
}

TEST_F(UserStoreTest, PRF02_ARefusedMoveChangesNothing) {
  NewOrg("00D000000000001AAA");
  NewOrg("00D000000000002BBB");
  const CreatedUser sarah = NewStaff("sarah");
  auto moved = users_.MoveUser(
      tenant_, sarah.user_id, "00D000000000001AAA",
      [](const UserRecord&) { return absl::OkStatus(); }, clock_.Now());
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->previous_org_id, "");
  clock_.Advance(absl::Minutes(1));
  auto refused = users_.MoveUser(
      tenant_, sarah.user_id, "00D000000000002BBB",
      [](const UserRecord&) { return absl::FailedPreconditionError("no"); }, clock_.Now());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  auto rows = db_.pool().Query(
      "SELECT u.org_id, u.org_time, p.update_time FROM users u JOIN profiles p ON "
      "p.tenant_id = u.tenant_id AND p.user_id = u.user_id WHERE u.tenant_id = ? AND "
      "u.user_id = ?",
      {tenant_, sarah.user_id});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().String(0), "00D000000000001AAA");
  EXPECT_EQ(rows->front().Time(1), clock_.Now() - absl::Minutes(1));
  EXPECT_EQ(rows->front().Time(2), clock_.Now() - absl::Minutes(1));
  // Another tenant's org is no org of this tenant.
  EXPECT_EQ(users_
                .MoveUser(
                    "other", sarah.user_id, "00D000000000001AAA",
                    [](const UserRecord&) { return absl::OkStatus(); }, clock_.Now())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace engage::profile
