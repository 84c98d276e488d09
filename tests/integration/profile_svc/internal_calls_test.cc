// The calls other services make on profile_svc, against the real MariaDB:
// HCP sign-up and its feed (PRF-01, CON-07), account links (PRF-09, PRF-10), orgs.
#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "common/status/errors.h"
#include "tests/integration/profile_svc/profile_fixture.h"

namespace engage::profile {
namespace {

using SignUpFeedTest = ProfileDbTest;
using AccountLinkTest = ProfileDbTest;
using OrgTest = ProfileDbTest;

TEST_F(SignUpFeedTest, PRF01_HcpSignUpCreatesExactlyOneHcpProfile) {
  auto first = profiles_.SignUpHcp(tenant_, {"hcp-1", "a@b.example", "Greg", "House"}, ids_.Next(),
                                   clock_.Now());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->created);
  auto again = profiles_.SignUpHcp(tenant_, {"hcp-1", "a@b.example", "Greg", "House"}, ids_.Next(),
                                   clock_.Now());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->profile_id, first->profile_id);
  auto owner = profiles_.GetOwner(tenant_, first->profile_id);
  ASSERT_TRUE(owner.ok());
  EXPECT_EQ(owner->kind, ProfileKind::kHcp);
  auto feed = profiles_.ReadFeed(tenant_, Feed::kSignUps, 0, 100);
  ASSERT_TRUE(feed.ok());
  ASSERT_EQ(feed->size(), 1u);  // the replay added nothing
  EXPECT_EQ(feed->front().email, "a@b.example");
}

TEST_F(SignUpFeedTest, PRF01_StaffSubjectCannotGetASecondProfile) {
  NewStaff("sarah");
  auto st =
      profiles_.SignUpHcp(tenant_, {"sarah", "s@b.example", "S", "J"}, ids_.Next(), clock_.Now());
  EXPECT_EQ(st.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(st.status()), "PRF-01");
}

TEST_F(SignUpFeedTest, ConcurrentSignUpsFormAGapFreeOrderedFeedReadTheSameInAnyPageSize) {
  constexpr int kHcps = 24;
  std::vector<std::thread> threads;
  for (int i = 0; i < kHcps; ++i) {
    threads.emplace_back([this, i] { NewHcp("hcp-" + std::to_string(i)); });
  }
  for (auto& t : threads) t.join();
  for (int page : {1, 7, 1000}) {
    std::vector<int64_t> seen;
    std::set<std::string> profiles;
    int64_t after = 0;
    while (true) {
      auto batch = profiles_.ReadFeed(tenant_, Feed::kSignUps, after, page);
      ASSERT_TRUE(batch.ok()) << batch.status();
      if (batch->empty()) break;
      for (const auto& e : *batch) {
        seen.push_back(e.sequence);
        profiles.insert(e.profile_id);
      }
      after = batch->back().sequence;
    }
    ASSERT_EQ(seen.size(), static_cast<size_t>(kHcps)) << "page " << page;
    for (int i = 0; i < kHcps; ++i) EXPECT_EQ(seen[i], i + 1) << "page " << page;
    EXPECT_EQ(profiles.size(), static_cast<size_t>(kHcps));
  }
  // Another tenant's feed is its own.
  auto other = profiles_.ReadFeed("other", Feed::kSignUps, 0, 100);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
}

TEST_F(OrgTest, OrgKeepsItsTypeAndIsInvisibleToAnotherTenant) {
  NewOrg("00D000000000001AAA", OrgType::kSandbox);
  auto org = accounts_.GetOrg(tenant_, "00D000000000001AAA");
  ASSERT_TRUE(org.ok());
  EXPECT_EQ(org->type, OrgType::kSandbox);
  EXPECT_EQ(accounts_.GetOrg("other", "00D000000000001AAA").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(accounts_
                .CreateOrg(tenant_, {"00D000000000001AAA", OrgType::kProduction, "x.example"},
                           clock_.Now())
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(AccountLinkTest, PRF09_SeveralHcpProfilesLinkToOneAccountAndRelinkIsIdempotent) {
  NewOrg("00D000000000001AAA");
  const std::string physician = NewHcp("physician");
  const std::string assistant = NewHcp("assistant");
  for (const auto& p : {physician, assistant, physician}) {
    auto linked = accounts_.LinkProfile(tenant_, p, "00D000000000001AAA", "001ACC", clock_.Now());
    ASSERT_TRUE(linked.ok()) << linked.status();
    EXPECT_EQ(*linked, "001ACC");
  }
  auto rows = db_.pool().Query(
      "SELECT profile_id FROM account_links WHERE tenant_id = ? AND account_id = '001ACC' "
      "ORDER BY profile_id",
      {tenant_});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 2u);
}

TEST_F(AccountLinkTest, PRF09_OnlyHcpProfilesOfAKnownOrgLink) {
  NewOrg("00D000000000001AAA");
  const auto staff = NewStaff("sarah");
  auto st = accounts_.LinkProfile(tenant_, staff.profile_id, "00D000000000001AAA", "001ACC",
                                  clock_.Now());
  EXPECT_EQ(st.status().code(), absl::StatusCode::kFailedPrecondition);
  const std::string hcp = NewHcp("hcp");
  EXPECT_EQ(accounts_.LinkProfile(tenant_, hcp, "00D000000000009ZZZ", "001ACC", clock_.Now())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(accounts_.LinkProfile("other", hcp, "00D000000000001AAA", "001ACC", clock_.Now())
                .status()
                .code(),
            absl::StatusCode::kNotFound);
}

TEST_F(AccountLinkTest, PRF10_LinkNamingALosingAccountResolvesThroughTheMergeChain) {
  NewOrg("00D000000000001AAA");
  // A -> B -> C: A lost to B, which later lost to C.
  for (auto [losing, winning] : {std::pair{"A", "B"}, std::pair{"B", "C"}}) {
    ASSERT_TRUE(db_.pool()
                    .Execute("INSERT INTO account_merges VALUES (?, ?, ?, ?, ?)",
                             {tenant_, std::string("00D000000000001AAA"), std::string(losing),
                              std::string(winning), clock_.Now()})
                    .ok());
  }
  const std::string hcp = NewHcp("hcp");
  auto linked = accounts_.LinkProfile(tenant_, hcp, "00D000000000001AAA", "A", clock_.Now());
  ASSERT_TRUE(linked.ok()) << linked.status();
  EXPECT_EQ(*linked, "C");
}

TEST_F(OrgTest, SEC08_AStaffProfilesOwnerCarriesItsUsersOrg) {
  NewOrg("00DA00000000000AAA");
  profile::NewFieldUser u{"req-rep",
                          "rep",
                          "Rep",
                          "One",
                          "rep@acme.example",
                          "US",
                          UserType::kFieldUser,
                          "00DA00000000000AAA",
                          "fp-rep"};
  auto rep = profiles_.CreateFieldUser(tenant_, u, ids_.Next(), ids_.Next(), clock_.Now());
  ASSERT_TRUE(rep.ok()) << rep.status();
  auto owner = profiles_.GetOwner(tenant_, rep->profile_id);
  ASSERT_TRUE(owner.ok()) << owner.status();
  EXPECT_EQ(owner->org_id, "00DA00000000000AAA");
  // A user in no org, and an HCP, have none.
  EXPECT_EQ(profiles_.GetOwner(tenant_, NewStaff("sarah").profile_id)->org_id, "");
  EXPECT_EQ(profiles_.GetOwner(tenant_, NewHcp("house"))->org_id, "");
}

}  // namespace
}  // namespace engage::profile
