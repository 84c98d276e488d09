// Deleted (PRF-11) and merged-away (PRF-12) profiles in connection_svc,
// against the real MariaDB: the post-processing job reads profile_svc's
// removals feed (faked here) after a cursor kept in connection_svc's tables,
// deactivates the removed profile's connections (CON-09, one feed entry each:
// CON-11), and the store refuses to connect a removed profile again.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "common/time/id_generator.h"
#include "connection_svc/mysql_change_feed.h"
#include "connection_svc/mysql_connection_store.h"
#include "connection_svc/mysql_interaction_store.h"
#include "connection_svc/mysql_invite_store.h"
#include "connection_svc/mysql_post_processing_store.h"
#include "connection_svc/post_processing.h"
#include "connection_svc/rules/invite_rules.h"
#include "tests/integration/connection_svc/recording_trail.h"
#include "tests/integration/connection_svc/removal_feed.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace engage::connection {
namespace {

class ProfileRemovalTest : public ::testing::Test {
 protected:
  ProfileRemovalTest()
      : connections_(db_.pool()),
        invites_(db_.pool()),
        interactions_(db_.pool()),
        job_store_(db_.pool()),
        changes_(db_.pool()),
        clock_(absl::FromUnixSeconds(1700000000)),
        ids_(clock_, [] { return uint64_t{0x9E3779B97F4A7C15ull} * ++counter_; }),
        jobs_(job_store_, interactions_, invites_, feed_, clock_, ids_, trail_) {}

  // The HCP's own act, now (SEC-05, SEC-06).
  ConnectAct ByHcp() { return {engage::common::v1::ROLE_HCP, clock_.Now()}; }

  std::string Connect(const std::string& field_user, const std::string& hcp) {
    auto c = connections_.Connect(tenant_, field_user, hcp, Origin::kInvite, ByHcp(), ids_.Next(),
                                  clock_.Now());
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? c->connection.connection_id : "";
  }

  std::vector<Change> FeedAfter(int64_t after) {
    auto got = changes_.ReadFeed(tenant_, after, 1000);
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : std::vector<Change>{};
  }

  PostProcessor::Outcome Run() {
    auto outcome = jobs_.RunForTenant(tenant_);
    EXPECT_TRUE(outcome.ok()) << outcome.status();
    return outcome.ok() ? *outcome : PostProcessor::Outcome{};
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
  RemovalFeed feed_;
  PostProcessor jobs_;
  const std::string tenant_ = "acme";
  const std::string sarah_ = "01HSARAH000000000000000000";
  const std::string mark_ = "01HMARK0000000000000000000";
  const std::string dr_a_ = "01HDRA00000000000000000000";
  const std::string dr_b_ = "01HDRB00000000000000000000";
};
std::atomic<uint64_t> ProfileRemovalTest::counter_{1};

TEST_F(ProfileRemovalTest, PRF11_CON09_DeletedProfilesActiveConnectionsAreDeactivatedOnce) {
  const std::string a_sarah = Connect(sarah_, dr_a_);
  const std::string a_mark = Connect(mark_, dr_a_);
  const std::string b_sarah = Connect(sarah_, dr_b_);
  // An already inactive connection of the deleted profile stays as it was.
  const std::string old = Connect("01HOLD00000000000000000000", dr_a_);
  ASSERT_TRUE(connections_.Disconnect(tenant_, old, EndedBy::kFieldUser, clock_.Now()).ok());
  const int64_t before = static_cast<int64_t>(FeedAfter(0).size());

  clock_.Advance(absl::Minutes(5));
  feed_.Remove(dr_a_, "", clock_.Now() - absl::Minutes(1));
  auto outcome = Run();
  EXPECT_TRUE(outcome.ran);
  EXPECT_EQ(outcome.deactivated, 2);

  for (const auto& id : {a_sarah, a_mark}) {
    auto c = connections_.GetConnection(tenant_, id);
    ASSERT_TRUE(c.ok()) << c.status();  // deactivated, never deleted
    EXPECT_FALSE(c->active);
    EXPECT_EQ(c->inactivation_time, clock_.Now());
  }
  auto untouched = connections_.GetConnection(tenant_, b_sarah);
  ASSERT_TRUE(untouched.ok());
  EXPECT_TRUE(untouched->active);

  // CON-11: exactly one deactivation per connection, in order, nothing else.
  auto changes = FeedAfter(before);
  ASSERT_EQ(changes.size(), 2u);
  std::set<std::string> ids;
  for (const auto& c : changes) {
    EXPECT_EQ(c.kind, ChangeKind::kDeactivated);
    EXPECT_EQ(c.hcp_profile_id, dr_a_);
    EXPECT_EQ(c.change_time, clock_.Now());
    ids.insert(c.connection_id);
  }
  EXPECT_EQ(ids, (std::set<std::string>{a_sarah, a_mark}));

  // Nothing twice: the next run resumes after the saved cursor.
  clock_.Advance(absl::Minutes(5));
  EXPECT_EQ(Run().deactivated, 0);
  EXPECT_EQ(FeedAfter(before).size(), 2u);
  EXPECT_EQ(feed_.asked.back(), "0000000001");
  EXPECT_EQ(*job_store_.RemovalCursor(tenant_), "0000000001");
}

TEST_F(ProfileRemovalTest, PRF12_MergedAwayProfileIsDeactivatedAndTheSurvivorKeepsItsConnections) {
  const std::string loser = Connect(sarah_, dr_b_);
  const std::string winner = Connect(sarah_, dr_a_);
  const std::string winner2 = Connect(mark_, dr_a_);
  feed_.Remove(dr_b_, dr_a_, clock_.Now());
  EXPECT_EQ(Run().deactivated, 1);
  EXPECT_FALSE(connections_.GetConnection(tenant_, loser)->active);
  EXPECT_TRUE(connections_.GetConnection(tenant_, winner)->active);
  EXPECT_TRUE(connections_.GetConnection(tenant_, winner2)->active);
  // The survivor still connects; the merged-away profile does not.
  EXPECT_TRUE(connections_
                  .Connect(tenant_, "01HNEW00000000000000000000", dr_a_, Origin::kInvite, ByHcp(),
                           ids_.Next(), clock_.Now())
                  .ok());
  auto refused = connections_.Connect(tenant_, mark_, dr_b_, Origin::kInvite, ByHcp(), ids_.Next(),
                                      clock_.Now());
  EXPECT_TRUE(absl::IsFailedPrecondition(refused.status())) << refused.status();
}

TEST_F(ProfileRemovalTest, PRF11_CursorResumesAfterTheLastAppliedRemovalNothingMissed) {
  std::vector<std::string> hcps;
  for (int i = 0; i < 5; ++i) {
    hcps.push_back(absl::StrCat("01HDR", i, std::string(20, '0')));
    Connect(sarah_, hcps.back());
  }
  feed_.Remove(hcps[0], "", clock_.Now());
  feed_.Remove(hcps[1], "", clock_.Now());
  EXPECT_EQ(Run().deactivated, 2);
  EXPECT_EQ(feed_.asked.front(), "");

  // profile_svc down: the run fails, the cursor stays, nothing is lost.
  feed_.Remove(hcps[2], "", clock_.Now());
  feed_.status = absl::UnavailableError("profile_svc down");
  auto failed = jobs_.RunForTenant(tenant_);
  EXPECT_TRUE(absl::IsUnavailable(failed.status())) << failed.status();
  EXPECT_EQ(*job_store_.RemovalCursor(tenant_), "0000000002");
  EXPECT_TRUE(connections_.GetConnection(tenant_, Connect(sarah_, hcps[3])).ok());

  feed_.status = absl::OkStatus();
  feed_.Remove(hcps[3], "", clock_.Now());
  auto outcome = Run();
  EXPECT_EQ(outcome.deactivated, 2);            // hcps[2] and hcps[3], each once
  EXPECT_EQ(feed_.asked.back(), "0000000002");  // resumed after the last one applied
  EXPECT_EQ(*job_store_.RemovalCursor(tenant_), "0000000004");
  auto statuses = connections_.StatusesFor(tenant_, sarah_, hcps);
  ASSERT_TRUE(statuses.ok());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ((*statuses)[i].status, i < 4 ? PairStatus::kDisconnected : PairStatus::kConnected)
        << i;
  }
}

TEST_F(ProfileRemovalTest, PRF11_RemovedProfileCannotAcceptReconnectOrBeConnectedAutomatically) {
  Connect(sarah_, dr_a_);
  // A meeting attended before the deletion, resolved by a run after it.
  ASSERT_TRUE(interactions_
                  .RecordInteractions(tenant_, {{ids_.Next(), InteractionKind::kMeetingAttendance,
                                                 "meeting-1", mark_, dr_a_, "", clock_.Now(),
                                                 engage::common::v1::ROLE_INTEGRATION}})
                  .ok());
  feed_.Remove(dr_a_, "", clock_.Now());
  auto outcome = Run();
  EXPECT_EQ(outcome.deactivated, 1);
  EXPECT_EQ(outcome.connected, 0);
  auto pending = interactions_.PendingWithProfile(tenant_, 10);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());  // done, not retried forever
  auto mark_status = connections_.StatusesFor(tenant_, mark_, {dr_a_});
  ASSERT_TRUE(mark_status.ok());
  EXPECT_EQ((*mark_status)[0].status, PairStatus::kNotConnected);

  // CON-09 reconnect of the deactivated pair is refused, and so is a new pair.
  for (const auto& field_user : {sarah_, mark_}) {
    auto again = connections_.Connect(tenant_, field_user, dr_a_, Origin::kRemoteClm, ByHcp(),
                                      ids_.Next(), clock_.Now());
    EXPECT_TRUE(absl::IsFailedPrecondition(again.status())) << again.status();
  }
  // Invite acceptance is refused and changes nothing: the invite stays open.
  const std::string token = RandomToken(kInviteTokenBytes);
  Invite invite;
  invite.invite_id = ids_.Next();
  invite.channel = InviteChannel::kLink;
  invite.inviter_profile_id = mark_;
  invite.inviter_subject = "mark";
  invite.create_time = clock_.Now();
  invite.expire_time = clock_.Now() + absl::Hours(1);
  ASSERT_TRUE(invites_.CreateInvite(tenant_, invite, HashToken(token), nullptr, {}).ok());
  const absl::Time now = clock_.Now();
  const int64_t feed_before = static_cast<int64_t>(FeedAfter(0).size());
  auto accepted = invites_.AcceptInvite(
      tenant_, HashToken(token), dr_a_, [&](const Invite& i) { return CheckOpen(i, now); },
      ids_.Next(), now);
  EXPECT_TRUE(absl::IsFailedPrecondition(accepted.status())) << accepted.status();
  auto rows = db_.pool().Query("SELECT state FROM invites WHERE tenant_id = ? AND invite_id = ?",
                               {tenant_, invite.invite_id});
  ASSERT_TRUE(rows.ok() && rows->size() == 1u);
  EXPECT_EQ((*rows)[0].Int(0), static_cast<int>(InviteState::kPending));
  EXPECT_EQ(static_cast<int64_t>(FeedAfter(0).size()), feed_before);
}

TEST_F(ProfileRemovalTest, PRF11_ConnectsRacingTheRemovalLeaveNoActiveConnection) {
  // Connects that passed profile_svc's check before the deletion race the
  // removal: each either commits first (and is deactivated by it) or waits
  // for it and is refused. None ends active; every feed entry is consistent.
  Connect(sarah_, dr_a_);
  feed_.Remove(dr_a_, "", clock_.Now());
  constexpr int kCallers = 20;
  std::atomic<int> connected{0}, refused{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kCallers; ++i) {
    threads.emplace_back([&, i] {
      const std::string field_user = absl::StrCat("01HFU", 10 + i, std::string(19, '0'));
      for (int attempt = 0; attempt < 5; ++attempt) {
        auto c = connections_.Connect(tenant_, field_user, dr_a_, Origin::kRemoteClm, ByHcp(),
                                      absl::StrCat("01HC", 10 + i, attempt, std::string(19, '0')),
                                      clock_.Now());
        if (c.ok()) {
          ++connected;
          return;
        }
        if (absl::IsFailedPrecondition(c.status())) {
          ++refused;
          return;
        }
        ASSERT_TRUE(absl::IsAborted(c.status())) << c.status();
      }
    });
  }
  auto outcome = jobs_.RunForTenant(tenant_);
  for (auto& t : threads) t.join();
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(connected.load() + refused.load(), kCallers);
  EXPECT_EQ(outcome->deactivated, 1 + connected.load());
  auto active = db_.pool().Query(
      "SELECT COUNT(*) FROM connections WHERE tenant_id = ? AND hcp_profile_id = ? AND active",
      {tenant_, dr_a_});
  ASSERT_TRUE(active.ok());
  EXPECT_EQ((*active)[0].Int(0), 0);
  // Feed: one creation and one deactivation per connection made.
  auto changes = FeedAfter(0);
  EXPECT_EQ(changes.size(), 2u * (1 + connected.load()));
}

TEST_F(ProfileRemovalTest, PRF11_TimerVisitsEveryTenantWithConnectionsAndNoOtherTenantIsTouched) {
  const std::string acme = Connect(sarah_, dr_a_);
  auto other = connections_.Connect("globex", sarah_, dr_a_, Origin::kInvite, ByHcp(), ids_.Next(),
                                    clock_.Now());
  ASSERT_TRUE(other.ok());
  auto tenants = job_store_.TenantsWithPendingWork("", 100);
  ASSERT_TRUE(tenants.ok());
  EXPECT_EQ(*tenants, (std::vector<std::string>{"acme", "globex"}));
  // SEC-11: the timer pages through every tenant, not only the first page.
  auto first = job_store_.TenantsWithPendingWork("", 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, (std::vector<std::string>{"acme"}));
  auto next = job_store_.TenantsWithPendingWork("acme", 1);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, (std::vector<std::string>{"globex"}));
  // Same profile id in two tenants: acme's removal leaves globex's row alone.
  feed_.Remove(dr_a_, "", clock_.Now());
  EXPECT_EQ(Run().deactivated, 1);
  EXPECT_FALSE(connections_.GetConnection(tenant_, acme)->active);
  EXPECT_TRUE(connections_.GetConnection("globex", other->connection.connection_id)->active);
}

TEST_F(ProfileRemovalTest, SEC09_RemovedInvitersOpenInvitesAreRevokedAndAudited) {
  const std::string connection = Connect(mark_, dr_a_);
  auto invite = [&](const std::string& inviter, const std::string& subject) {
    const std::string token = RandomToken(kInviteTokenBytes);
    Invite i;
    i.invite_id = ids_.Next();
    i.channel = InviteChannel::kLink;
    i.inviter_profile_id = inviter;
    i.inviter_subject = subject;
    i.create_time = clock_.Now();
    i.expire_time = clock_.Now() + absl::Hours(1);
    EXPECT_TRUE(invites_.CreateInvite(tenant_, i, HashToken(token), nullptr, {}).ok());
    return std::make_pair(i.invite_id, token);
  };
  const auto a = invite(mark_, "mark"), b = invite(mark_, "mark"), other = invite(sarah_, "sarah");
  auto state_of = [&](const std::string& id) {
    auto rows = db_.pool().Query("SELECT state FROM invites WHERE tenant_id = ? AND invite_id = ?",
                                 {tenant_, id});
    return rows.ok() && rows->size() == 1u ? static_cast<InviteState>((*rows)[0].Int(0))
                                           : InviteState::kUnspecified;
  };

  feed_.Remove(mark_, "", clock_.Now());
  EXPECT_EQ(Run().deactivated, 1);
  EXPECT_EQ(state_of(a.first), InviteState::kRevoked);
  EXPECT_EQ(state_of(b.first), InviteState::kRevoked);
  EXPECT_EQ(state_of(other.first), InviteState::kPending);  // another inviter's stays open
  const absl::Time now = clock_.Now();
  auto accepted = invites_.AcceptInvite(
      tenant_, HashToken(a.second), dr_b_, [&](const Invite& i) { return CheckOpen(i, now); },
      ids_.Next(), now);
  EXPECT_TRUE(absl::IsFailedPrecondition(accepted.status())) << accepted.status();

  // SEC-12: the deactivation and both revocations, as background work.
  EXPECT_EQ(trail_.ActionsOf(connection), std::vector<std::string>{"DEACTIVATE"});
  EXPECT_EQ(trail_.ActionsOf(a.first), std::vector<std::string>{"INVITE_REVOKE"});
  EXPECT_EQ(trail_.ActionsOf(b.first), std::vector<std::string>{"INVITE_REVOKE"});
  EXPECT_TRUE(trail_.ActionsOf(other.first).empty());
  for (const auto& e : trail_.events()) EXPECT_EQ(e.method, "post-processing");
  EXPECT_EQ(connections_.GetConnection(tenant_, connection)->ended_by, EndedBy::kRemoval);
}

// Issue 18, clean stops: SIGTERM's stop request ends a run between two
// removals (each committed with its cursor), releases the lease at once (the
// CRM sync waits for none: SYN-07), and the next run, a new process, resumes
// after the last removal applied.
TEST_F(ProfileRemovalTest, CON08_StopRequestEndsTheRunAtASafePointAndTheNextRunResumes) {
  std::vector<std::string> connections;
  for (const std::string& hcp : {dr_a_, dr_b_, std::string("01HDRC00000000000000000000")}) {
    connections.push_back(Connect(sarah_, hcp));
    feed_.Remove(hcp, "", clock_.Now());
  }
  // The stop arrives while the first removal's deactivation is recorded.
  trail_.on_record = [this](const audit::AuditEvent&) { jobs_.RequestStop(); };
  auto stopped = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(stopped.ok()) << stopped.status();
  EXPECT_TRUE(stopped->stopped);
  EXPECT_EQ(stopped->deactivated, 1);
  EXPECT_EQ(*job_store_.RemovalCursor(tenant_), "0000000001");
  auto state = job_store_.GetJobState(tenant_, clock_.Now());
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->running) << "the lease is released, not left to lapse";
  // The stopped processor starts nothing more.
  auto after_stop = jobs_.RunForTenant(tenant_);
  ASSERT_TRUE(after_stop.ok());
  EXPECT_FALSE(after_stop->ran);

  trail_.on_record = nullptr;
  PostProcessor restarted(job_store_, interactions_, invites_, feed_, clock_, ids_, trail_);
  auto resumed = restarted.RunForTenant(tenant_);
  ASSERT_TRUE(resumed.ok()) << resumed.status();
  EXPECT_EQ(resumed->deactivated, 2);
  EXPECT_EQ(*job_store_.RemovalCursor(tenant_), "0000000003");
  for (const auto& id : connections) EXPECT_FALSE(connections_.GetConnection(tenant_, id)->active);
}

// Issue 18: a run that outlived its lease (a pause longer than kLease) and
// was taken over writes nothing more and does not mark the job idle under
// the run that took it (which the CRM sync must keep waiting for, SYN-07).
TEST_F(ProfileRemovalTest, CON08_RunThatLostItsLeaseStopsAndLeavesTheNewHolderRunning) {
  const std::string a = Connect(sarah_, dr_a_);
  const std::string b = Connect(sarah_, dr_b_);
  feed_.Remove(dr_a_, "", clock_.Now());
  feed_.Remove(dr_b_, "", clock_.Now());
  bool paused = false;
  trail_.on_record = [&](const audit::AuditEvent&) {
    if (paused) return;
    paused = true;
    clock_.Advance(PostProcessor::kLease + absl::Seconds(1));
    ASSERT_TRUE(*job_store_.StartJob(tenant_, "other-replica", clock_.Now(),
                                     clock_.Now() + PostProcessor::kLease));
  };
  auto lost = jobs_.RunForTenant(tenant_);
  trail_.on_record = nullptr;  // it holds `paused`, a local of this test
  EXPECT_TRUE(absl::IsAborted(lost.status())) << lost.status();
  EXPECT_NE(lost.status().message().find("CON-08"), std::string::npos);
  EXPECT_FALSE(connections_.GetConnection(tenant_, a)->active);
  EXPECT_TRUE(connections_.GetConnection(tenant_, b)->active) << "written after the lease was lost";
  auto state = job_store_.GetJobState(tenant_, clock_.Now());
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->running) << "the late run marked the new holder's job idle";
  EXPECT_FALSE(*job_store_.FinishJob(tenant_, "late-run", clock_.Now()));
  EXPECT_TRUE(*job_store_.FinishJob(tenant_, "other-replica", clock_.Now()));
}

// A live run keeps its lease by renewing it, so a long run is never taken
// over by another replica; one that stops renewing (killed) frees the tenant
// within kLease.
TEST_F(ProfileRemovalTest, CON08_RenewedLeaseKeepsOtherReplicasOutAndALapsedOneLetsThemIn) {
  const absl::Time t0 = clock_.Now();
  ASSERT_TRUE(*job_store_.StartJob(tenant_, "run-1", t0, t0 + PostProcessor::kLease));
  clock_.Advance(PostProcessor::kLease - absl::Seconds(5));
  EXPECT_TRUE(*job_store_.RenewJob(tenant_, "run-1", clock_.Now() + PostProcessor::kLease));
  EXPECT_FALSE(*job_store_.RenewJob(tenant_, "run-2", clock_.Now() + PostProcessor::kLease));
  clock_.Advance(absl::Seconds(30));
  EXPECT_FALSE(
      *job_store_.StartJob(tenant_, "run-2", clock_.Now(), clock_.Now() + PostProcessor::kLease));
  clock_.Advance(PostProcessor::kLease);
  EXPECT_FALSE(job_store_.GetJobState(tenant_, clock_.Now())->running);
  EXPECT_TRUE(
      *job_store_.StartJob(tenant_, "run-2", clock_.Now(), clock_.Now() + PostProcessor::kLease));
  EXPECT_FALSE(*job_store_.RenewJob(tenant_, "run-1", clock_.Now() + PostProcessor::kLease));
}

}  // namespace
}  // namespace engage::connection
