#include "profile_svc/crm_sync/rules/sync_rules.h"

#include <gtest/gtest.h>

namespace engage::profile::sync {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1800000000);

std::vector<PastRun> Runs(std::initializer_list<std::pair<absl::Duration, RunStatus>> ago) {
  std::vector<PastRun> out;
  for (const auto& [d, s] : ago) out.push_back({kNow - d, s});
  return out;
}

TEST(SyncModeTest, SYN02_IncrementalAfterARecentSuccess) {
  EXPECT_EQ(ChooseMode(Runs({{absl::Hours(1), RunStatus::kSuccess}}), kNow, false),
            Mode::kIncremental);
  EXPECT_EQ(ChooseMode(Runs({{absl::Hours(1), RunStatus::kSuccessWithErrors}}), kNow, false),
            Mode::kIncremental);
}

TEST(SyncModeTest, SYN02_FullWithoutASuccessInNinetyDays) {
  EXPECT_EQ(ChooseMode({}, kNow, false), Mode::kFull);
  EXPECT_EQ(ChooseMode(Runs({{absl::Hours(24 * 91), RunStatus::kSuccess}}), kNow, false),
            Mode::kFull);
  EXPECT_EQ(ChooseMode(Runs({{absl::Hours(24 * 89), RunStatus::kSuccess}}), kNow, false),
            Mode::kIncremental);
}

TEST(SyncModeTest, SYN02_FullAfterTenFailuresInARow) {
  std::vector<PastRun> runs;
  for (int i = 1; i <= 10; ++i) runs.push_back({kNow - absl::Hours(i), RunStatus::kFailure});
  runs.push_back({kNow - absl::Hours(11), RunStatus::kSuccess});
  EXPECT_EQ(ChooseMode(runs, kNow, false), Mode::kFull);
  runs.erase(runs.begin());  // nine failures, then the success
  EXPECT_EQ(ChooseMode(runs, kNow, false), Mode::kIncremental);
}

TEST(SyncModeTest, SYN02_AdminCanForceFull) {
  EXPECT_EQ(ChooseMode(Runs({{absl::Hours(1), RunStatus::kSuccess}}), kNow, true), Mode::kFull);
}

TEST(SyncSpacingTest, SYN07_SixtyMinutesApartStartToStart) {
  auto runs = Runs({{absl::Minutes(59), RunStatus::kSuccess}});
  absl::Status st = MayStart(runs, kNow, false);
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  // The refusal says when the next sync may run.
  EXPECT_NE(st.message().find(absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", kNow + absl::Minutes(1),
                                               absl::UTCTimeZone())),
            std::string::npos)
      << st.message();
  EXPECT_TRUE(MayStart(Runs({{absl::Minutes(60), RunStatus::kFailure}}), kNow, false).ok());
  EXPECT_TRUE(MayStart({}, kNow, false).ok());
}

TEST(SyncSpacingTest, SYN07_NotWhilePostProcessingRuns) {
  EXPECT_EQ(MayStart({}, kNow, true).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(SyncStatusTest, SYN08_OneStatusPerRun) {
  EXPECT_EQ(FinalStatus({5, 0, false}), RunStatus::kSuccess);
  EXPECT_EQ(FinalStatus({5, 1, false}), RunStatus::kSuccessWithErrors);
  EXPECT_EQ(FinalStatus({0, 3, false}), RunStatus::kFailure);
  EXPECT_EQ(FinalStatus({5, 0, true}), RunStatus::kFailure);
  EXPECT_EQ(FinalStatus({0, 0, false}), RunStatus::kSuccess);  // nothing to do is a success
}

TEST(SyncRetryTest, SYN10_RetriedUntilTenConsecutiveFailuresThenUntilItChanges) {
  const absl::Time v1 = kNow - absl::Hours(100);
  RecordFailures f;
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(ShouldAttempt(f, v1)) << i;
    f = AfterFailure(f, v1, false);
  }
  EXPECT_FALSE(ShouldAttempt(f, v1));
  // A new change in Engage brings it back, for a fresh series of ten.
  const absl::Time v2 = v1 + absl::Hours(1);
  EXPECT_TRUE(ShouldAttempt(f, v2));
  f = AfterFailure(f, v2, false);
  EXPECT_EQ(f.consecutive, 1);
}

TEST(SyncRetryTest, SYN10_ConfigurationFailuresDoNotCount) {
  RecordFailures f;
  for (int i = 0; i < 50; ++i) f = AfterFailure(f, kNow, true);
  EXPECT_EQ(f.consecutive, 0);
  EXPECT_TRUE(ShouldAttempt(f, kNow));
}

TEST(SyncRetryTest, SYN10_AConnectionRecordGivenUpComesBackWithTheProfileRecordItReferences) {
  const absl::Time v1 = kNow - absl::Hours(100);
  RecordFailures f;
  for (int i = 0; i < 10; ++i) f = AfterFailure(f, v1, false);
  EXPECT_FALSE(ShouldAttemptReferencing(f, v1, false));
  // The HCP's profile record is written again after failing (SYN-05: what it references).
  EXPECT_TRUE(ShouldAttemptReferencing(f, v1, true));
  // Its own change in Engage brings it back too.
  EXPECT_TRUE(ShouldAttemptReferencing(f, v1 + absl::Hours(1), false));
  EXPECT_TRUE(ShouldAttemptReferencing(RecordFailures{}, v1, false));
}

TEST(SyncPhotoTest, SYN11_TheSyncOwnsOnlyThePhotoOfTheReservedContentType) {
  EXPECT_TRUE(SyncOwnsPhoto("Engage_Profile_Photo_vod"));
  EXPECT_FALSE(SyncOwnsPhoto("Headshot_vod"));
  EXPECT_FALSE(SyncOwnsPhoto("engage_profile_photo_vod"));  // exact, SEC-13
  EXPECT_FALSE(SyncOwnsPhoto("Engage_Profile_Photo_vod "));
  EXPECT_FALSE(SyncOwnsPhoto(""));
}

TEST(SyncSelectionTest, SYN03_ConnectedInOrgOrLinkedInOrgAndConnectedInCompany) {
  EXPECT_TRUE(SyncsToOrg(true, false, true));
  EXPECT_TRUE(SyncsToOrg(false, true, true));
  EXPECT_FALSE(SyncsToOrg(false, true, false));
  EXPECT_FALSE(SyncsToOrg(false, false, true));
}

TEST(SyncRecordTest, SYN06_DeletedProfileTombstone) {
  ProfileRecord r = Tombstone("01ABC", "Engage_HCP_Profile_vod", kNow);
  EXPECT_EQ(r.display_name, "Deleted User");
  EXPECT_EQ(r.connection_status, "DELETED");
  EXPECT_EQ(r.connection_status_time, kNow);
  EXPECT_TRUE(r.first_name.empty() && r.last_name.empty() && r.photo_url.empty() &&
              r.title.empty() && r.degree.empty() && r.account_id.empty());
  EXPECT_EQ(r.signup_time, absl::InfinitePast());
}

TEST(SyncLogTest, SYN09_CsvQuotesWhatNeedsQuoting) {
  EXPECT_EQ(CsvHeader(), "object,external_id,action,message\r\n");
  EXPECT_EQ(
      CsvLine({"Engage_Profile_vod", "01A", "failed", "bad \"title\", too long\nsecond line"}),
      "Engage_Profile_vod,01A,failed,\"bad \"\"title\"\", too long\nsecond line\"\r\n");
}

}  // namespace
}  // namespace engage::profile::sync
