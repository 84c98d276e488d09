// A full CRM sync of 100,000 profiles with 300,000 connections (issue 5):
// completes, writes every record once, and reports its rows per second.
// Speed goals live in bench/; this test proves the size works and prints
// the figure.
#include <cstdlib>
#include <iostream>

#include "absl/strings/str_join.h"
#include "tests/integration/profile_svc/crm_sync/sync_fixture.h"

namespace engage::profile::sync {
namespace {

constexpr int kStaff = 1000;
constexpr int kHcps = 99000;
constexpr int kPerHcp = 3;
constexpr int kExtra = 3000;
constexpr int64_t kConnections = int64_t{kHcps} * kPerHcp + kExtra;

// Inserts `rows` (each a list of values) into `table` 1000 rows a statement.
// Test data only: bulk rows written straight to the tables, as each service
// would hold them (a feed entry per connection), to build the data quickly.
void BulkInsert(mysql::Pool& pool, const std::string& table, const std::string& columns,
                const std::vector<mysql::Params>& rows) {
  for (size_t at = 0; at < rows.size(); at += 1000) {
    std::vector<std::string> tuples;
    mysql::Params params;
    for (size_t i = at; i < std::min(rows.size(), at + 1000); ++i) {
      std::vector<std::string> marks(rows[i].size(), "?");
      tuples.push_back("(" + absl::StrJoin(marks, ",") + ")");
      params.insert(params.end(), rows[i].begin(), rows[i].end());
    }
    auto st = pool.Execute(
        absl::StrCat("INSERT INTO ", table, " (", columns, ") VALUES ", absl::StrJoin(tuples, ",")),
        params);
    ASSERT_TRUE(st.ok()) << table << ": " << st.status();
  }
}

TEST_F(SyncTest, FullSyncOf100kProfilesAnd300kConnections) {
  mysql::Pool& pool = db_.pool();
  const absl::Time now = clock_.Now();
  std::vector<mysql::Params> users, details, profiles, hcp_details, connections, changes;
  std::vector<std::string> staff_profiles;
  for (int i = 0; i < kStaff; ++i) {
    const std::string user_id = ids_.Next(), profile_id = ids_.Next();
    const std::string n = std::to_string(i);
    users.push_back({tenant_, user_id, "rep" + n, "Rep", n, "rep" + n + "@verteo.example",
                     std::string("US"), int64_t{1}, "req" + n, std::string(kOrgA), now, now});
    details.push_back({tenant_, user_id, now});
    profiles.push_back({tenant_, profile_id, int64_t{1}, "rep" + n, user_id, now, now});
    staff_profiles.push_back(profile_id);
  }
  int64_t sequence = 0;
  for (int h = 0; h < kHcps; ++h) {
    const std::string profile_id = ids_.Next();
    const std::string n = std::to_string(h);
    profiles.push_back({tenant_, profile_id, int64_t{2}, "hcp" + n, nullptr, now, now});
    hcp_details.push_back({tenant_, profile_id, "Doctor", n, "hcp" + n + "@hcp.example", now});
    // Three connections each, a fourth for the first 3,000: 300,000 in all.
    for (int k = 0; k < kPerHcp + (h < kExtra ? 1 : 0); ++k) {
      const std::string& staff = staff_profiles[(h + k * 331) % kStaff];
      const std::string connection_id = ids_.Next();
      connections.push_back({tenant_, connection_id, staff, profile_id, true, now, now});
      changes.push_back({tenant_, ++sequence, int64_t{1}, connection_id, staff, profile_id, now});
    }
  }
  absl::Time seed_start = absl::Now();
  BulkInsert(pool, "users",
             "tenant_id, user_id, subject, first_name, last_name, email, country, user_type, "
             "request_id, org_id, create_time, update_time",
             users);
  BulkInsert(pool, "user_details", "tenant_id, user_id, update_time", details);
  BulkInsert(pool, "profiles",
             "tenant_id, profile_id, kind, subject, user_id, create_time, update_time", profiles);
  BulkInsert(pool, "hcp_details",
             "tenant_id, profile_id, first_name, last_name, email, sign_up_time", hcp_details);
  BulkInsert(pool, "connections",
             "tenant_id, connection_id, field_user_profile_id, hcp_profile_id, active, "
             "create_time, update_time",
             connections);
  BulkInsert(pool, "connection_changes",
             "tenant_id, sequence, kind, connection_id, field_user_profile_id, hcp_profile_id, "
             "change_time",
             changes);
  ASSERT_TRUE(
      pool.Execute("INSERT INTO connection_feed_counters VALUES (?, ?)", {tenant_, sequence}).ok());
  std::cout << "seeded " << profiles.size() << " profiles and " << connections.size()
            << " connections in " << absl::FormatDuration(absl::Now() - seed_start) << "\n";

  // ENGAGE_SYNC_BATCH_SIZE (as the service reads it) to compare batch sizes by hand.
  const char* batch_env = std::getenv("ENGAGE_SYNC_BATCH_SIZE");
  const int batch_size = batch_env != nullptr ? std::atoi(batch_env) : 2000;
  SyncRunner runner(store_, crm_, *feed_, clock_, ids_, secrets_,
                    batch_size > 0 ? batch_size : 2000);
  clock_.Advance(absl::Minutes(61));
  const absl::Time start = absl::Now();
  auto run = runner.RunToEnd(tenant_, kOrgA, Trigger::kAdmin, /*force_full=*/true);
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->status, RunStatus::kSuccess) << run->message;
  const int64_t expected = kStaff + kHcps + kConnections;
  EXPECT_EQ(run->written, expected);
  EXPECT_EQ(run->failed, 0);
  auto counted = pool.Query(
      "SELECT (SELECT COUNT(*) FROM crm_engage_profiles WHERE tenant_id = ?), "
      "(SELECT COUNT(*) FROM crm_engage_connections WHERE tenant_id = ?)",
      {tenant_, tenant_});
  ASSERT_TRUE(counted.ok());
  EXPECT_EQ(counted->front().Int(0), kStaff + kHcps);
  EXPECT_EQ(counted->front().Int(1), kConnections);
  const double rate = static_cast<double>(run->written) / seconds;
  std::cout << "full sync: " << run->written << " records (" << kStaff + kHcps << " profiles, "
            << kConnections << " connections) in " << seconds
            << " s = " << static_cast<int64_t>(rate) << " rows/s\n";
  RecordProperty("rows_per_second", static_cast<int>(rate));
}

}  // namespace
}  // namespace engage::profile::sync
