// The connection rules against the real MariaDB: acceptance under
// concurrency, expiry, disconnect/reconnect, idempotent connect, the
// post-processing job and the change feed (CON-03..11).
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/time/id_generator.h"
#include "connection_svc/mysql_change_feed.h"
#include "connection_svc/mysql_connection_store.h"
#include "connection_svc/mysql_interaction_store.h"
#include "connection_svc/mysql_invite_store.h"
#include "connection_svc/mysql_post_processing_store.h"
#include "connection_svc/post_processing.h"
#include "connection_svc/rules/invite_rules.h"
#include "tests/integration/connection_svc/recording_trail.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace engage::connection {
namespace {

constexpr auth::Role kIntegration = engage::common::v1::ROLE_INTEGRATION;
constexpr char kInviteOrg[] = "00D000000000001AAA";

// profile_svc as the job sees it: sign-ups and account links, in memory.
class FakeProfiles final : public ProfileDirectory {
 public:
  absl::StatusOr<ProfileOwner> GetOwner(const std::string&,
                                        const std::string& profile_id) override {
    std::lock_guard<std::mutex> lock(mu);
    auto moved = orgs.find(profile_id);
    return ProfileOwner{profile_id, ProfileKind::kHcp, "x", false,
                        moved == orgs.end() ? kInviteOrg : moved->second};
  }
  absl::StatusOr<std::string> LinkToAccount(const std::string&, const std::string& profile_id,
                                            const std::string&,
                                            const std::string& account_id) override {
    std::lock_guard<std::mutex> lock(mu);
    if (!link_status.ok()) return link_status;
    links[profile_id] = account_id;
    return account_id;
  }
  absl::StatusOr<std::vector<SignUp>> ListSignUps(const std::string&, const std::string& after,
                                                  int page_size) override {
    std::lock_guard<std::mutex> lock(mu);
    std::vector<SignUp> out;
    for (const auto& s : sign_ups) {
      if ((after.empty() || s.cursor > after) && static_cast<int>(out.size()) < page_size) {
        out.push_back(s);
      }
    }
    return out;
  }

  absl::StatusOr<std::vector<ProfileRemoval>> ListRemovals(const std::string&,
                                                           const std::string& after,
                                                           int page_size) override {
    std::lock_guard<std::mutex> lock(mu);
    removal_cursors_asked.push_back(after);
    if (!removals_status.ok()) return removals_status;
    std::vector<ProfileRemoval> out;
    for (const auto& r : removals) {
      if ((after.empty() || r.cursor > after) && static_cast<int>(out.size()) < page_size) {
        out.push_back(r);
      }
    }
    return out;
  }
  absl::Status CheckOrg(const std::string&, const std::string&) override {
    return absl::OkStatus();
  }

  std::mutex mu;
  absl::Status removals_status;
  std::vector<ProfileRemoval> removals;
  std::vector<std::string> removal_cursors_asked;
  absl::Status link_status;
  std::map<std::string, std::string> links;
  std::vector<SignUp> sign_ups;
  // Each profile's CRM org: the invites' org unless moved here.
  std::map<std::string, std::string> orgs;
};

class ConnectionStoreTest : public ::testing::Test {
 protected:
  ConnectionStoreTest()
      : connections_(db_.pool()),
        invites_(db_.pool()),
        interactions_(db_.pool()),
        job_store_(db_.pool()),
        changes_(db_.pool()),
        clock_(absl::FromUnixSeconds(1700000000)),
        ids_(clock_, [] { return uint64_t{0x9E3779B97F4A7C15ull} * ++counter_; }),
        jobs_(job_store_, interactions_, invites_, profiles_, clock_, ids_, trail_) {}

  std::string Id() { return ids_.Next(); }
  // The HCP's own act, now (SEC-05, SEC-06).
  ConnectAct ByHcp() { return {engage::common::v1::ROLE_HCP, clock_.Now()}; }

  int64_t Count(const std::string& table) {
    auto rows = db_.pool().Query("SELECT COUNT(*) FROM " + table);
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  // An invite of `inviter`; returns its token.
  std::string MakeInvite(const std::string& inviter, const std::string& account = "") {
    const std::string token = RandomToken(kInviteTokenBytes);
    Invite i;
    i.invite_id = Id();
    i.channel = InviteChannel::kLink;
    i.inviter_profile_id = inviter;
    i.inviter_subject = "sarah";
    if (!account.empty()) {
      i.org_id = kInviteOrg;
      i.account_id = account;
    }
    i.create_time = clock_.Now();
    i.expire_time = clock_.Now() + absl::Hours(24 * 30);
    EXPECT_TRUE(invites_.CreateInvite(tenant_, i, HashToken(token), nullptr, {}).ok());
    return token;
  }

  absl::StatusOr<AcceptResult> Accept(const std::string& token, const std::string& hcp) {
    const absl::Time now = clock_.Now();
    return invites_.AcceptInvite(
        tenant_, HashToken(token), hcp, [&](const Invite& i) { return CheckOpen(i, now); }, Id(),
        now);
  }

  std::vector<Change> Feed(int page) {
    std::vector<Change> all;
    int64_t after = 0;
    for (;;) {
      auto got = changes_.ReadFeed(tenant_, after, page);
      EXPECT_TRUE(got.ok()) << got.status();
      if (!got.ok() || got->empty()) break;
      for (const auto& c : *got) all.push_back(c);
      after = got->back().sequence;
    }
    return all;
  }

  static std::atomic<uint64_t> counter_;
  testing::TestDatabase db_;
  MysqlConnectionStore connections_;
  MysqlInviteStore invites_;
  MysqlInteractionStore interactions_;
  MysqlPostProcessingStore job_store_;
  MysqlChangeFeed changes_;
  FakeClock clock_;
  IdGenerator ids_;
  RecordingTrail trail_;
  FakeProfiles profiles_;
  PostProcessor jobs_;
  const std::string tenant_ = "acme";
  const std::string sarah_ = "01HSARAH000000000000000000";
  const std::string dr_a_ = "01HDRA00000000000000000000";
};
std::atomic<uint64_t> ConnectionStoreTest::counter_{1};

TEST_F(ConnectionStoreTest, CON04_FiftyConcurrentAcceptsMakeOneConnectionAndOneSuccess) {
  const std::string token = MakeInvite(sarah_);
  constexpr int kCallers = 50;
  std::atomic<int> ok{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) {
    threads.emplace_back([&] {
      auto r = Accept(token, dr_a_);
      if (r.ok()) {
        ++ok;
      } else if (absl::IsFailedPrecondition(r.status())) {
        ++refused;
      } else {
        ++other;
        ADD_FAILURE() << r.status();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(refused.load(), kCallers - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Count("connections"), 1);
  EXPECT_EQ(Count("connection_changes"), 1);
}

TEST_F(ConnectionStoreTest, CON03_UsedExpiredAndRevokedInvitesLeaveConnectionsAsTheyWere) {
  // Used.
  const std::string used = MakeInvite(sarah_);
  ASSERT_TRUE(Accept(used, dr_a_).ok());
  const int64_t connections = Count("connections"), changes = Count("connection_changes");
  auto again = Accept(used, "01HDRB00000000000000000000");
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);

  // Revoked by the inviter.
  const std::string revoked = MakeInvite(sarah_);
  const absl::Time now = clock_.Now();
  auto closed = invites_.CloseInvite(
      tenant_, "", HashToken(revoked), InviteState::kRevoked,
      [&](const Invite& i) { return CheckRevocable(i, "sarah", now); }, now);
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(Accept(revoked, "01HDRC00000000000000000000").status().code(),
            absl::StatusCode::kFailedPrecondition);

  // Declined by the HCP.
  const std::string declined = MakeInvite(sarah_);
  ASSERT_TRUE(invites_
                  .CloseInvite(
                      tenant_, "", HashToken(declined), InviteState::kDeclined,
                      [&](const Invite& i) { return CheckOpen(i, now); }, now)
                  .ok());
  EXPECT_EQ(Accept(declined, "01HDRD00000000000000000000").status().code(),
            absl::StatusCode::kFailedPrecondition);

  // Expired: 30 days later (FakeClock, no waiting).
  const std::string expiring = MakeInvite(sarah_);
  clock_.Advance(absl::Hours(24 * 30));
  EXPECT_EQ(Accept(expiring, "01HDRE00000000000000000000").status().code(),
            absl::StatusCode::kFailedPrecondition);

  EXPECT_EQ(Count("connections"), connections);
  EXPECT_EQ(Count("connection_changes"), changes);
  EXPECT_EQ(Accept(RandomToken(kInviteTokenBytes), dr_a_).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(ConnectionStoreTest, CON03_AnotherTenantsInviteIsNotFound) {
  const std::string token = MakeInvite(sarah_);
  const absl::Time now = clock_.Now();
  auto r = invites_.AcceptInvite(
      "other-tenant", HashToken(token), dr_a_, [&](const Invite& i) { return CheckOpen(i, now); },
      Id(), now);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(ConnectionStoreTest, CON09_ReconnectReactivatesTheSameRow) {
  auto first =
      connections_.Connect(tenant_, sarah_, dr_a_, Origin::kInvite, ByHcp(), Id(), clock_.Now());
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->change, ChangeKind::kCreated);
  clock_.Advance(absl::Hours(1));
  auto off = connections_.Disconnect(tenant_, first->connection.connection_id, EndedBy::kHcp,
                                     clock_.Now());
  ASSERT_TRUE(off.ok()) << off.status();
  EXPECT_FALSE(off->connection.active);
  EXPECT_EQ(off->connection.inactivation_time, clock_.Now());
  // Disconnecting again changes nothing.
  auto twice = connections_.Disconnect(tenant_, first->connection.connection_id,
                                       EndedBy::kFieldUser, clock_.Now());
  ASSERT_TRUE(twice.ok());
  EXPECT_EQ(twice->change, ChangeKind::kNone);

  EXPECT_EQ(twice->connection.ended_by, EndedBy::kHcp);  // the first end stands

  // Reconnecting through a new invite, accepted later, reuses the row.
  clock_.Advance(absl::Minutes(1));
  const std::string token = MakeInvite(sarah_);
  auto back = Accept(token, dr_a_);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->connected.connection.connection_id, first->connection.connection_id);
  EXPECT_EQ(back->connected.change, ChangeKind::kReactivated);
  EXPECT_TRUE(back->connected.connection.active);
  EXPECT_EQ(Count("connections"), 1);
  auto feed = Feed(100);
  ASSERT_EQ(feed.size(), 3u);
  EXPECT_EQ(feed[0].kind, ChangeKind::kCreated);
  EXPECT_EQ(feed[1].kind, ChangeKind::kDeactivated);
  EXPECT_EQ(feed[2].kind, ChangeKind::kReactivated);
}

TEST_F(ConnectionStoreTest, CON10_ConnectingAConnectedPairReturnsTheExistingConnection) {
  auto first = connections_.Connect(tenant_, sarah_, dr_a_, Origin::kMeetingRequest, ByHcp(), Id(),
                                    clock_.Now());
  auto second =
      connections_.Connect(tenant_, sarah_, dr_a_, Origin::kRemoteClm, ByHcp(), Id(), clock_.Now());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->connection.connection_id, second->connection.connection_id);
  EXPECT_EQ(second->change, ChangeKind::kNone);
  EXPECT_EQ(Count("connections"), 1);
  EXPECT_EQ(Count("connection_changes"), 1);
  auto statuses = connections_.StatusesFor(tenant_, sarah_, {dr_a_, "01HNEVER000000000000000000"});
  ASSERT_TRUE(statuses.ok());
  EXPECT_EQ((*statuses)[0].status, PairStatus::kConnected);
  EXPECT_EQ((*statuses)[1].status, PairStatus::kNotConnected);
}

TEST_F(ConnectionStoreTest, CON11_FeedIsGapFreeOrderedAndTheSameInAnyPageSize) {
  // Concurrent writers: creates, deactivations and reactivations.
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 8; ++i) {
        const std::string hcp = absl::StrCat("01HCP", t, i, std::string(19, '0'));
        auto c = connections_.Connect(tenant_, sarah_, hcp, Origin::kInvite, ByHcp(), Id(),
                                      clock_.Now());
        ASSERT_TRUE(c.ok()) << c.status();
        if (i % 2 == 0) {
          ASSERT_TRUE(connections_
                          .Disconnect(tenant_, c->connection.connection_id, EndedBy::kFieldUser,
                                      clock_.Now())
                          .ok());
          ASSERT_TRUE(
              connections_
                  .Connect(tenant_, sarah_, hcp, Origin::kInvite, ByHcp(), Id(), clock_.Now())
                  .ok());
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto ones = Feed(1), sevens = Feed(7), thousands = Feed(1000);
  ASSERT_EQ(ones.size(), 6u * (8 + 4 * 2));
  for (size_t i = 0; i < ones.size(); ++i) EXPECT_EQ(ones[i].sequence, static_cast<int64_t>(i + 1));
  ASSERT_EQ(sevens.size(), ones.size());
  ASSERT_EQ(thousands.size(), ones.size());
  for (size_t i = 0; i < ones.size(); ++i) {
    EXPECT_EQ(ones[i].connection_id, sevens[i].connection_id);
    EXPECT_EQ(ones[i].kind, sevens[i].kind);
    EXPECT_EQ(ones[i].connection_id, thousands[i].connection_id);
    EXPECT_EQ(ones[i].kind, thousands[i].kind);
  }
  // Per connection, the feed tells its story in order: created, deactivated, reactivated.
  std::map<std::string, std::vector<ChangeKind>> story;
  for (const auto& c : ones) story[c.connection_id].push_back(c.kind);
  for (const auto& [id, kinds] : story) {
    EXPECT_EQ(kinds.front(), ChangeKind::kCreated) << id;
    if (kinds.size() == 3) {
      EXPECT_EQ(kinds[2], ChangeKind::kReactivated) << id;
    }
  }
  // Another tenant's feed is its own.
  auto other = changes_.ReadFeed("other-tenant", 0, 1000);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
}

TEST_F(ConnectionStoreTest, CON11_ResumingFromTheLastCursorMissesNothingAndRepeatsNothing) {
  std::vector<Change> seen;
  int64_t cursor = 0;
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 3; ++i) {
      const std::string hcp = absl::StrCat("01HRES", round, i, std::string(18, '0'));
      ASSERT_TRUE(
          connections_.Connect(tenant_, sarah_, hcp, Origin::kInvite, ByHcp(), Id(), clock_.Now())
              .ok());
    }
    auto page = changes_.ReadFeed(tenant_, cursor, 2);
    ASSERT_TRUE(page.ok());
    for (const auto& c : *page) seen.push_back(c);
    if (!page->empty()) cursor = page->back().sequence;
  }
  for (;;) {
    auto page = changes_.ReadFeed(tenant_, cursor, 2);
    ASSERT_TRUE(page.ok());
    if (page->empty()) break;
    for (const auto& c : *page) seen.push_back(c);
    cursor = page->back().sequence;
  }
  ASSERT_EQ(seen.size(), 15u);
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i].sequence, static_cast<int64_t>(i + 1));
}

TEST_F(ConnectionStoreTest, CON06_CON08_JobConnectsSignedInMeetingAttendees) {
  const std::string dr_b = "01HDRB00000000000000000000";
  std::vector<Interaction> attendance = {
      {Id(), InteractionKind::kMeetingAttendance, "meeting-1", sarah_, dr_a_, "", clock_.Now(),
       kIntegration},
      {Id(), InteractionKind::kMeetingAttendance, "meeting-1", sarah_, dr_b, "", clock_.Now(),
       kIntegration},
      {Id(), InteractionKind::kMeetingAttendance, "meeting-1", sarah_, "", "new@clinic.example",
       clock_.Now(), kIntegration}};
  auto recorded = interactions_.RecordInteractions(tenant_, attendance);
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(*recorded, 3);
  // Reporting the same meeting again records nothing twice.
  for (auto& a : attendance) a.interaction_id = Id();
  EXPECT_EQ(*interactions_.RecordInteractions(tenant_, attendance), 0);
  // Nothing is connected before the job runs (CON-08).
  EXPECT_EQ(Count("connections"), 0);

  auto outcome = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(outcome->ran);
  EXPECT_EQ(outcome->connected, 2);
  EXPECT_EQ(Count("connections"), 2);
  auto again = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->connected, 0);
  auto state = job_store_.GetJobState(tenant_, clock_.Now());
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->running);
  EXPECT_EQ(state->last_end_time, clock_.Now());
}

TEST_F(ConnectionStoreTest, CON08_JobStateIsVisibleAndOneRunAtATime) {
  // Another replica holds the job.
  ASSERT_TRUE(*job_store_.StartJob(tenant_, "other-replica", clock_.Now(),
                                   clock_.Now() + PostProcessor::kLease));
  auto state = job_store_.GetJobState(tenant_, clock_.Now());
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->running);
  auto blocked = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(blocked.ok());
  EXPECT_FALSE(blocked->ran);
  // A runner that died leaves a lease that lapses; then the job runs again.
  clock_.Advance(PostProcessor::kLease + absl::Seconds(1));
  EXPECT_FALSE(job_store_.GetJobState(tenant_, clock_.Now())->running);
  auto ran = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(ran.ok()) << ran.status();
  EXPECT_TRUE(ran->ran);
}

TEST_F(ConnectionStoreTest, CON07_AttendeeWhoSignsUpLaterWithTheSameEmailIsConnected) {
  ASSERT_TRUE(
      interactions_
          .RecordInteractions(tenant_, {{Id(), InteractionKind::kRemoteClmView, "deck-7", sarah_,
                                         "", "evans@clinic.example", clock_.Now(), kIntegration}})
          .ok());
  ASSERT_TRUE(jobs_.RunForTenant(tenant_).ok());
  EXPECT_EQ(Count("connections"), 0);
  const std::string evans = "01HEVANS000000000000000000";
  profiles_.sign_ups.push_back(
      {"0000000001", "01HOTHER000000000000000000", "other@x.example", clock_.Now()});
  profiles_.sign_ups.push_back({"0000000002", evans, "Evans@Clinic.example", clock_.Now()});
  auto outcome = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->connected, 1);
  auto statuses = connections_.StatusesFor(tenant_, sarah_, {evans});
  ASSERT_TRUE(statuses.ok());
  EXPECT_EQ((*statuses)[0].status, PairStatus::kConnected);
  EXPECT_EQ(*job_store_.SignUpCursor(tenant_), "0000000002");
}

TEST_F(ConnectionStoreTest, CON05_AcceptedAccountInviteLinksTheHcpAndRetriesWhenProfileSvcFails) {
  const std::string with_account = MakeInvite(sarah_, "001A000001");
  auto accepted = Accept(with_account, dr_a_);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(accepted->invite.link_state, LinkState::kPending);
  profiles_.link_status = absl::UnavailableError("profile_svc down");
  EXPECT_FALSE(jobs_.LinkAccount(tenant_, accepted->invite).ok());
  EXPECT_EQ(invites_.InvitesToLink(tenant_, 10)->size(), 1u);
  profiles_.link_status = absl::OkStatus();
  ASSERT_TRUE(jobs_.RunForTenant(tenant_).ok());
  EXPECT_EQ(profiles_.links[dr_a_], "001A000001");
  EXPECT_TRUE(invites_.InvitesToLink(tenant_, 10)->empty());

  // An invite started elsewhere links nothing.
  const std::string plain = MakeInvite(sarah_);
  auto other = Accept(plain, "01HDRB00000000000000000000");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->invite.link_state, LinkState::kNone);
  EXPECT_EQ(profiles_.links.count("01HDRB00000000000000000000"), 0u);
}

TEST_F(ConnectionStoreTest, SEC08_AnInviterMovedToAnotherOrgNoLongerLinksTheOldOrgsAccount) {
  const std::string token = MakeInvite(sarah_, "001A000001");
  profiles_.orgs[sarah_] = "00D000000000002BBB";  // MoveUser after the invite was made
  auto accepted = Accept(token, dr_a_);
  ASSERT_TRUE(accepted.ok()) << accepted.status();  // the HCP's consent stands: connected
  ASSERT_TRUE(jobs_.LinkAccount(tenant_, accepted->invite).ok());
  EXPECT_EQ(profiles_.links.count(dr_a_), 0u);
  EXPECT_TRUE(invites_.InvitesToLink(tenant_, 10)->empty());  // dropped, not retried
}

TEST_F(ConnectionStoreTest, SEC06_HcpEndedConnectionStaysEndedUntilTheHcpActsAfterThat) {
  auto first =
      connections_.Connect(tenant_, sarah_, dr_a_, Origin::kInvite, ByHcp(), Id(), clock_.Now());
  ASSERT_TRUE(first.ok()) << first.status();
  const std::string id = first->connection.connection_id;
  // The HCP reported their own attendance, then ended the connection.
  ASSERT_TRUE(interactions_
                  .RecordInteractions(
                      tenant_, {{Id(), InteractionKind::kMeetingAttendance, "meeting-1", sarah_,
                                 dr_a_, "", clock_.Now(), engage::common::v1::ROLE_HCP}})
                  .ok());
  clock_.Advance(absl::Minutes(1));
  auto off = connections_.Disconnect(tenant_, id, EndedBy::kHcp, clock_.Now());
  ASSERT_TRUE(off.ok()) << off.status();
  EXPECT_EQ(off->connection.ended_by, EndedBy::kHcp);
  const int64_t changes = Count("connection_changes");
  // The meeting system reports a later meeting of the pair.
  clock_.Advance(absl::Minutes(1));
  ASSERT_TRUE(
      interactions_
          .RecordInteractions(tenant_, {{Id(), InteractionKind::kMeetingAttendance, "meeting-2",
                                         sarah_, dr_a_, "", clock_.Now(), kIntegration}})
          .ok());

  // Post-processing reactivates nothing: both are closed as refused.
  auto outcome = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->connected, 0);
  EXPECT_EQ(outcome->refused, 2);
  EXPECT_TRUE(interactions_.PendingWithProfile(tenant_, 10)->empty());
  // Nor does a CLM view reported by the content system.
  auto clm = connections_.Connect(tenant_, sarah_, dr_a_, Origin::kRemoteClm,
                                  {kIntegration, clock_.Now()}, Id(), clock_.Now());
  EXPECT_TRUE(absl::IsFailedPrecondition(clm.status())) << clm.status();
  EXPECT_EQ(ReasonOf(clm.status()), "SEC-06");
  auto still = connections_.GetConnection(tenant_, id);
  ASSERT_TRUE(still.ok());
  EXPECT_FALSE(still->active);
  EXPECT_EQ(still->ended_by, EndedBy::kHcp);
  EXPECT_EQ(Count("connection_changes"), changes);
  EXPECT_TRUE(trail_.events().empty());  // refusals change nothing, so nothing is audited

  // The HCP acts again (a meeting request, now): the same row is active again.
  clock_.Advance(absl::Minutes(1));
  auto back = connections_.Connect(tenant_, sarah_, dr_a_, Origin::kMeetingRequest, ByHcp(), Id(),
                                   clock_.Now());
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(back->change, ChangeKind::kReactivated);
  EXPECT_EQ(back->connection.connection_id, id);
  EXPECT_EQ(connections_.GetConnection(tenant_, id)->ended_by, EndedBy::kUnrecorded);
}

TEST_F(ConnectionStoreTest, SEC05_FieldUserReportsNeverConnectEvenWhenStored) {
  // Rows a field user reported (as every row before SEC-05 was): one of a
  // signed-in HCP, one by e-mail.
  ASSERT_TRUE(interactions_
                  .RecordInteractions(
                      tenant_,
                      {{Id(), InteractionKind::kMeetingAttendance, "meeting-1", sarah_, dr_a_, "",
                        clock_.Now(), engage::common::v1::ROLE_FIELD_USER},
                       {Id(), InteractionKind::kRemoteClmView, "deck-1", sarah_, "",
                        "evans@clinic.example", clock_.Now(), engage::common::v1::ROLE_FIELD_USER}})
                  .ok());
  profiles_.sign_ups.push_back(
      {"0000000001", "01HEVANS000000000000000000", "evans@clinic.example", clock_.Now()});
  auto outcome = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->connected, 0);
  EXPECT_EQ(outcome->refused, 2);
  auto direct =
      connections_.Connect(tenant_, sarah_, dr_a_, Origin::kRemoteClm,
                           {engage::common::v1::ROLE_FIELD_USER, clock_.Now()}, Id(), clock_.Now());
  EXPECT_TRUE(absl::IsPermissionDenied(direct.status())) << direct.status();
  EXPECT_EQ(ReasonOf(direct.status()), "SEC-05");
  EXPECT_EQ(Count("connections"), 0);
  EXPECT_EQ(Count("connection_changes"), 0);
}

TEST_F(ConnectionStoreTest, SEC12_JobConnectionsAndReconnectionsAreAudited) {
  // A pair the field user ended reconnects on a consenting report.
  auto first =
      connections_.Connect(tenant_, sarah_, dr_a_, Origin::kInvite, ByHcp(), Id(), clock_.Now());
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(
      connections_
          .Disconnect(tenant_, first->connection.connection_id, EndedBy::kFieldUser, clock_.Now())
          .ok());
  const std::string dr_b = "01HDRB00000000000000000000";
  ASSERT_TRUE(
      interactions_
          .RecordInteractions(tenant_, {{Id(), InteractionKind::kMeetingAttendance, "meeting-1",
                                         sarah_, dr_a_, "", clock_.Now(), kIntegration},
                                        {Id(), InteractionKind::kMeetingAttendance, "meeting-1",
                                         sarah_, dr_b, "", clock_.Now(), kIntegration}})
          .ok());
  auto outcome = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->connected, 2);
  EXPECT_EQ(trail_.ActionsOf(first->connection.connection_id),
            std::vector<std::string>{"RECONNECT"});
  auto statuses = connections_.StatusesFor(tenant_, sarah_, {dr_b});
  ASSERT_TRUE(statuses.ok());
  EXPECT_EQ(trail_.ActionsOf((*statuses)[0].connection_id), std::vector<std::string>{"CONNECT"});
  for (const auto& e : trail_.events()) {
    EXPECT_EQ(e.tenant, tenant_);
    EXPECT_EQ(e.method, "post-processing");
    EXPECT_EQ(e.actor_subject, "post-processing");
    EXPECT_EQ(e.object_type, "CONNECTION");
  }
}

}  // namespace
}  // namespace engage::connection
