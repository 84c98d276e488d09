// Branding, groups, account indicator and merges, profile categories and
// their outbox against the real MariaDB (PRF-06, PRF-07, PRF-09, PRF-10, CAT-06).
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "profile_svc/mysql_company_store.h"
#include "profile_svc/mysql_group_store.h"
#include "profile_svc/profile_data_delivery.h"
#include "profile_svc/rules/category_rules.h"
#include "profile_svc/rules/company_rules.h"
#include "tests/integration/profile_svc/profile_fixture.h"

namespace engage::profile {
namespace {

class CompanyTest : public ProfileDbTest {
 protected:
  CompanyTest() : company_(db_.pool()), groups_(db_.pool()) {}
  GroupData Group(const std::string& name, bool override_medications = false,
                  std::vector<std::string> meds = {}) {
    auto g = groups_.CreateGroup(tenant_, {"req-" + name, "fp-" + name}, {ids_.Next(), name, meds},
                                 override_medications, clock_.Now());
    EXPECT_TRUE(g.ok()) << g.status();
    return *g;
  }
  MysqlCompanyStore company_;
  MysqlGroupStore groups_;
};

TEST_F(CompanyTest, PRF06_GroupStartsFromCompanyDefaultsAndUserJoinsAtMostOneGroup) {
  ASSERT_TRUE(company_
                  .UpdateBranding(tenant_, {"112233", "", "", {"Cholecap"}},
                                  {"primary_color", "default_medications"}, clock_.Now())
                  .ok());
  GroupData east = Group("East");
  EXPECT_EQ(east.medications, std::vector<std::string>{"Cholecap"});
  GroupData west = Group("West", true, {"Restolar"});
  auto sarah = NewStaff("sarah");
  ASSERT_TRUE(
      groups_.AddGroupMember(tenant_, east.group_id, sarah.user_id, CheckGroupMember, clock_.Now())
          .ok());
  ASSERT_TRUE(
      groups_.AddGroupMember(tenant_, east.group_id, sarah.user_id, CheckGroupMember, clock_.Now())
          .ok());
  absl::Status second =
      groups_.AddGroupMember(tenant_, west.group_id, sarah.user_id, CheckGroupMember, clock_.Now());
  EXPECT_EQ(second.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(second), "PRF-06");
}

TEST_F(CompanyTest, PRF07_CardShowsGroupMedicationsElseCompanyDefaultsNoneByDefault) {
  auto sarah = NewStaff("sarah");
  EXPECT_TRUE(profiles_.GetCardSource(tenant_, sarah.profile_id)->medications.empty());
  ASSERT_TRUE(company_
                  .UpdateBranding(tenant_, {"", "", "", {"Cholecap"}}, {"default_medications"},
                                  clock_.Now())
                  .ok());
  EXPECT_EQ(profiles_.GetCardSource(tenant_, sarah.profile_id)->medications,
            std::vector<std::string>{"Cholecap"});
  GroupData west = Group("West", true, {"Restolar", "Zypex"});
  ASSERT_TRUE(
      groups_.AddGroupMember(tenant_, west.group_id, sarah.user_id, CheckGroupMember, clock_.Now())
          .ok());
  EXPECT_EQ(profiles_.GetCardSource(tenant_, sarah.profile_id)->medications,
            (std::vector<std::string>{"Restolar", "Zypex"}));
  ASSERT_TRUE(groups_.RemoveGroupMember(tenant_, sarah.user_id, clock_.Now()).ok());
  EXPECT_EQ(profiles_.GetCardSource(tenant_, sarah.profile_id)->medications,
            std::vector<std::string>{"Cholecap"});
}

TEST_F(CompanyTest, PRF08_InactiveUserCannotJoinAGroup) {
  auto sarah = NewStaff("sarah");
  ASSERT_TRUE(db_.pool()
                  .Execute("UPDATE users SET active = FALSE WHERE user_id = ?", {sarah.user_id})
                  .ok());
  GroupData east = Group("East");
  absl::Status st =
      groups_.AddGroupMember(tenant_, east.group_id, sarah.user_id, CheckGroupMember, clock_.Now());
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(std::string(st.message()).find("active"), std::string::npos);
  auto rows = db_.pool().Query("SELECT COUNT(*) FROM group_members", {});
  EXPECT_EQ(rows->front().Int(0), 0);
}

TEST_F(CompanyTest, PRF09_IndicatorListsEveryLinkedProfileWithItsStatus) {
  NewOrg("00D000000000001AAA");
  const std::string physician = NewHcp("physician");
  const std::string assistant = NewHcp("assistant");
  for (const auto& p : {physician, assistant}) {
    ASSERT_TRUE(accounts_.LinkProfile(tenant_, p, "00D000000000001AAA", "ACC1", clock_.Now()).ok());
  }
  ASSERT_TRUE(profiles_.DeleteHcpProfile(tenant_, assistant, "assistant", clock_.Now()).ok());
  auto indicator = accounts_.GetIndicator(tenant_, "00D000000000001AAA", "ACC1");
  ASSERT_TRUE(indicator.ok()) << indicator.status();
  ASSERT_EQ(indicator->profiles.size(), 2u);
  int deleted = 0;
  for (const auto& e : indicator->profiles) deleted += e.deleted;
  EXPECT_EQ(deleted, 1);
  ASSERT_TRUE(accounts_.UnlinkProfile(tenant_, physician, "00D000000000001AAA", clock_.Now()).ok());
  EXPECT_EQ(accounts_.GetIndicator(tenant_, "00D000000000001AAA", "ACC1")->profiles.size(), 1u);
}

TEST_F(CompanyTest, PRF10_RecordedMergesChainAndMoveLinksToTheWinner) {
  NewOrg("00D000000000001AAA");
  const std::string hcp = NewHcp("hcp");
  ASSERT_TRUE(accounts_.LinkProfile(tenant_, hcp, "00D000000000001AAA", "A", clock_.Now()).ok());
  ASSERT_EQ(*accounts_.RecordMerge(tenant_, "00D000000000001AAA", "A", "B", clock_.Now()), "B");
  ASSERT_EQ(*accounts_.RecordMerge(tenant_, "00D000000000001AAA", "B", "C", clock_.Now()), "C");
  EXPECT_EQ(
      accounts_.RecordMerge(tenant_, "00D000000000001AAA", "C", "A", clock_.Now()).status().code(),
      absl::StatusCode::kFailedPrecondition);  // would close a cycle
  auto indicator = accounts_.GetIndicator(tenant_, "00D000000000001AAA", "A");
  ASSERT_TRUE(indicator.ok());
  EXPECT_EQ(indicator->account_id, "C");
  ASSERT_EQ(indicator->profiles.size(), 1u);
  EXPECT_EQ(indicator->profiles[0].profile_id, hcp);
}

// Attack review 6, finding 10: 70 merges A0 -> A1 -> ... -> A70, each
// accepted, leave every loser pointing at A70 (compressed in each merge's
// transaction), so a lookup of A0 is one hop, not INTERNAL past 64.
TEST_F(CompanyTest, PRF10_EveryLoserPointsAtTheFinalWinner) {
  const std::string org = "00D000000000001AAA";
  NewOrg(org);
  const std::string hcp = NewHcp("hcp");
  ASSERT_TRUE(accounts_.LinkProfile(tenant_, hcp, org, "A0", clock_.Now()).ok());
  constexpr int kMerges = 70;  // past kMaxMergeHops
  for (int i = 0; i < kMerges; ++i) {
    auto winner = accounts_.RecordMerge(tenant_, org, absl::StrCat("A", i),
                                        absl::StrCat("A", i + 1), clock_.Now());
    ASSERT_TRUE(winner.ok()) << i << ": " << winner.status();
    EXPECT_EQ(*winner, absl::StrCat("A", i + 1));
  }
  auto winners = db_.pool().Query(
      "SELECT DISTINCT winning_account_id FROM account_merges WHERE tenant_id = ? AND org_id = ?",
      {tenant_, org});
  ASSERT_TRUE(winners.ok()) << winners.status();
  ASSERT_EQ(winners->size(), 1u);
  EXPECT_EQ((*winners)[0].String(0), "A70");
  for (const std::string named : {"A0", "A35", "A69", "A70"}) {
    auto indicator = accounts_.GetIndicator(tenant_, org, named);
    ASSERT_TRUE(indicator.ok()) << named << ": " << indicator.status();
    EXPECT_EQ(indicator->account_id, "A70");
    ASSERT_EQ(indicator->profiles.size(), 1u) << named;
  }
  // A merge into the chain's own winner still closes no cycle.
  EXPECT_EQ(accounts_.RecordMerge(tenant_, org, "A70", "A3", clock_.Now()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// A chain written around RecordMerge (rows from before migration 0130 that it
// could not shorten, or by hand) longer than the bound: FAILED_PRECONDITION
// naming PRF-10, never INTERNAL.
TEST_F(CompanyTest, PRF10_AnOverLongRecordedChainIsFailedPreconditionNotInternal) {
  const std::string org = "00D000000000001AAA";
  NewOrg(org);
  for (int i = 0; i < 70; ++i) {
    ASSERT_TRUE(db_.pool()
                    .Execute("INSERT INTO account_merges (tenant_id, org_id, losing_account_id, "
                             "winning_account_id, merge_time) VALUES (?, ?, ?, ?, NOW(6))",
                             {tenant_, org, absl::StrCat("B", i), absl::StrCat("B", i + 1)})
                    .ok());
  }
  auto indicator = accounts_.GetIndicator(tenant_, org, "B0");
  EXPECT_EQ(indicator.status().code(), absl::StatusCode::kFailedPrecondition) << indicator.status();
  EXPECT_EQ(ReasonOf(indicator.status()), "PRF-10");
  const std::string hcp = NewHcp("hcp");
  EXPECT_EQ(accounts_.LinkProfile(tenant_, hcp, org, "B0", clock_.Now()).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // The end of the chain is within the bound.
  EXPECT_TRUE(accounts_.GetIndicator(tenant_, org, "B60").ok());
}

TEST_F(CompanyTest, CAT06_OutboxRowsCommitWithAnswersAndOnlyWhenEnabled) {
  ASSERT_TRUE(company_.CreateCategory(tenant_, {"AGE", "Age", true, {}}, clock_.Now()).ok());
  ASSERT_TRUE(
      company_.CreateResponse(tenant_, "AGE", {"31+", "31 and over", false}, clock_.Now()).ok());
  ASSERT_TRUE(company_.CreateCategory(tenant_, {"COLOR", "Colour", false, {}}, clock_.Now()).ok());
  ASSERT_TRUE(company_.CreateResponse(tenant_, "COLOR", {"RED", "Red", true}, clock_.Now()).ok());
  EXPECT_EQ(company_.CreateResponse(tenant_, "COLOR", {"BLUE", "Blue", true}, clock_.Now()).code(),
            absl::StatusCode::kFailedPrecondition);  // CAT-01
  const std::string hcp = NewHcp("hcp");
  auto save = [&](std::map<std::string, std::string> submitted) {
    return company_.SaveAnswers(
        tenant_, hcp, [](const std::string&) { return absl::OkStatus(); },
        [&](const CompanyStore::AnswersView& v) {
          return ApplyAnswers(v.categories, v.answers, submitted);
        },
        [&] { return ids_.Next(); }, clock_.Now());
  };
  // Settings off: answers saved, no event.
  ASSERT_EQ(*save({{"AGE", "31+"}}), 0);
  CategorySettings on;
  on.sync_mode = CategorySettings::SyncMode::kInteract;
  on.send_profile_data = true;
  ASSERT_TRUE(company_.UpdateCategorySettings(tenant_, on, clock_.Now()).ok());
  ASSERT_EQ(*save({{"COLOR", "RED"}}), 1);
  // CAT-05 refusal rolls back: neither answers nor events change.
  EXPECT_EQ(save({{"AGE", ""}}).status().code(), absl::StatusCode::kInvalidArgument);
  outbox::MysqlOutboxStore outbox(db_.pool(), ProfileDataOutbox());
  auto events = outbox.List(tenant_, {}, "", 100);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].key, hcp);
  EXPECT_EQ((*events)[0].payload, (std::vector<std::string>{"COLOR", "RED"}));
  auto view = company_.GetAnswers(tenant_, hcp);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->answers.at("AGE"), "31+");
}

}  // namespace
}  // namespace engage::profile
