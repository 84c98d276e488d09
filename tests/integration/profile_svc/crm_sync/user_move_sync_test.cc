// A field user moved to another org (MoveUser, issue 17) and the CRM syncs
// of both orgs: the new org's next incremental run writes the user's
// connection records (SYN-05) and the HCPs' profile records (SYN-03); the
// old org's next run deactivates the records it holds from them, never
// deleting them; a move back reactivates the same records.
#include "profile_svc/mysql_user_store.h"
#include "tests/integration/profile_svc/crm_sync/sync_fixture.h"

namespace engage::profile::sync {
namespace {

class UserMoveSyncTest : public SyncTest {
 protected:
  UserMoveSyncTest() : users_(db_.pool()) {}
  void SetUp() override {
    SyncTest::SetUp();
    ConfigureIntegrationUser(kOrgB, "integration@verteo.b", "s3cret", "s3cret");
  }
  std::string UserIdOf(const std::string& staff_profile_id) {
    auto rows =
        db_.pool().Query("SELECT user_id FROM profiles WHERE tenant_id = ? AND profile_id = ?",
                         {tenant_, staff_profile_id});
    return rows.ok() && !rows->empty() ? rows->front().String(0) : "";
  }
  void Move(const std::string& user_id, const std::string& org) {
    auto moved = users_.MoveUser(
        tenant_, user_id, org, [&](const UserRecord& u) { return CheckMove(u, org); },
        clock_.Now());
    ASSERT_TRUE(moved.ok()) << moved.status();
  }
  MysqlUserStore users_;
};

TEST_F(UserMoveSyncTest, SYN05_AMovedUsersConnectionsFollowThemToTheNewOrg) {
  const std::string rep = Staff("rep", kOrgA);
  const std::string hcp = Hcp("hcp");
  const std::string id = Connect(rep, hcp);
  ASSERT_EQ(Sync(kOrgA).status, RunStatus::kSuccess);
  ASSERT_EQ(Sync(kOrgB).status, RunStatus::kSuccess);
  ASSERT_TRUE(CrmConnections(kOrgA)[id].active);
  ASSERT_EQ(CrmConnections(kOrgB).count(id), 0u);

  Move(UserIdOf(rep), kOrgB);
  const absl::Time moved_at = clock_.Now();
  // Incremental runs: the connection itself did not change since either org's last run.
  Job b = Sync(kOrgB);
  ASSERT_EQ(b.status, RunStatus::kSuccess) << b.message;
  auto in_b = CrmConnections(kOrgB);
  ASSERT_EQ(in_b.count(id), 1u);
  EXPECT_TRUE(in_b[id].active);
  EXPECT_EQ(in_b[id].from_user_id, UserIdOf(rep));
  auto profiles_b = CrmProfiles(kOrgB);
  ASSERT_EQ(profiles_b.count(hcp), 1u);
  EXPECT_EQ(in_b[id].to_profile_record_id, profiles_b[hcp].record_id);
  EXPECT_EQ(profiles_b.count(rep), 1u);

  Job a = Sync(kOrgA);
  ASSERT_EQ(a.status, RunStatus::kSuccess) << a.message;
  auto in_a = CrmConnections(kOrgA);
  ASSERT_EQ(in_a.size(), 1u);  // deactivated, never deleted
  EXPECT_FALSE(in_a[id].active);
  EXPECT_EQ(in_a[id].inactivation_time, moved_at);
  // A full run of the old org ends the same.
  ASSERT_EQ(Sync(kOrgA, /*full=*/true).status, RunStatus::kSuccess);
  EXPECT_FALSE(CrmConnections(kOrgA)[id].active);

  // Back to org A: the same record comes back active; org B's is deactivated.
  Move(UserIdOf(rep), kOrgA);
  ASSERT_EQ(Sync(kOrgA).status, RunStatus::kSuccess);
  ASSERT_EQ(Sync(kOrgB).status, RunStatus::kSuccess);
  auto back = CrmConnections(kOrgA);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_TRUE(back[id].active);
  EXPECT_FALSE(CrmConnections(kOrgB)[id].active);
}

TEST_F(UserMoveSyncTest, SYN05_ADisconnectedConnectionKeepsItsOwnInactivationTime) {
  const std::string rep = Staff("rep", kOrgA);
  const std::string id = Connect(rep, Hcp("hcp"));
  Disconnect(id);
  ASSERT_EQ(Sync(kOrgA).status, RunStatus::kSuccess);
  const absl::Time ended = CrmConnections(kOrgA)[id].inactivation_time;
  ASSERT_NE(ended, absl::InfinitePast());
  Move(UserIdOf(rep), kOrgB);
  ASSERT_EQ(Sync(kOrgA).status, RunStatus::kSuccess);
  EXPECT_EQ(CrmConnections(kOrgA)[id].inactivation_time, ended);
}

}  // namespace
}  // namespace engage::profile::sync
