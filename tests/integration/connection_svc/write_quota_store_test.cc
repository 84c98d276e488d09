// SEC-11 on the real MariaDB: the stores count a caller's writes of the last
// 24 hours in the writing transaction, the new row included, and a refusal
// writes nothing; concurrent writes of one caller never pass the cap
// together (the count is a locking read).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/time/clock.h"
#include "connection_svc/mysql_interaction_store.h"
#include "connection_svc/mysql_invite_store.h"
#include "connection_svc/rules/write_quota_rules.h"
#include "tests/integration/connection_svc/invite_mail_fixture.h"
#include "tests/support/test_database.h"

namespace engage::connection {
namespace {

constexpr char kHcp[] = "01HCP000000000000000000000";
constexpr char kHost[] = "01HOST00000000000000000000";
constexpr char kSarah[] = "01SARAH0000000000000000000";
constexpr char kMark[] = "01MARK00000000000000000000";

class WriteQuotaStoreTest : public ::testing::Test {
 protected:
  WriteQuotaStoreTest() : interactions_(db_.pool()), invites_(db_.pool()) {}

  Interaction SelfReport(const std::string& meeting) {
    return {absl::StrCat("01I", meeting, std::string(23 - meeting.size(), '0')),
            InteractionKind::kMeetingAttendance,
            meeting,
            kHost,
            kHcp,
            "",
            clock_.Now(),
            auth::kHcp};
  }

  absl::StatusOr<int> Report(const std::string& meeting, int64_t cap) {
    return interactions_.RecordSelfReport(tenant_, SelfReport(meeting), [&](const QuotaUse& use) {
      return CheckDailyCap(use, cap, "meetings", clock_.Now());
    });
  }

  absl::Status EmailInvite(const std::string& id, const std::string& inviter, const std::string& to,
                           int64_t per_inviter, int64_t per_recipient) {
    Invite i;
    i.invite_id = absl::StrCat("01V", id, std::string(23 - id.size(), '0'));
    i.channel = InviteChannel::kApprovedEmail;
    i.inviter_profile_id = inviter;
    i.inviter_subject = "someone";
    i.recipient_email = to;
    i.create_time = clock_.Now();
    i.expire_time = clock_.Now() + absl::Hours(24);
    const OutgoingMail mail = SampleMail();
    return invites_.CreateInvite(tenant_, i, "hash-" + id, &mail, [&](const InviteMailUse& use) {
      if (auto st = CheckDailyCap(use.by_inviter, per_inviter, "by inviter", clock_.Now());
          !st.ok()) {
        return st;
      }
      return CheckDailyCap(use.by_recipient, per_recipient, "by recipient", clock_.Now());
    });
  }

  int64_t Count(const std::string& table) {
    auto rows = db_.pool().Query(
        absl::StrCat("SELECT COUNT(*) FROM ", table, " WHERE tenant_id = ?"), {tenant_});
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  testing::TestDatabase db_;
  FakeClock clock_{absl::FromUnixSeconds(1700000000)};
  MysqlInteractionStore interactions_;
  MysqlInviteStore invites_;
  const std::string tenant_ = "t1";
};

TEST_F(WriteQuotaStoreTest, SEC11_SelfReportsPastTheCapWriteNothingUntilTheDayHasPassed) {
  ASSERT_EQ(*Report("m1", 2), 1);
  clock_.Advance(absl::Hours(1));
  ASSERT_EQ(*Report("m2", 2), 1);
  EXPECT_EQ(*Report("m2", 2), 0);  // already recorded: not counted, not refused
  auto refused = Report("m3", 2);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(absl::IsResourceExhausted(refused.status())) << refused.status();
  // The oldest counted report leaves the window in 23 hours.
  EXPECT_NE(refused.status().message().find("try again in 23h"), std::string::npos)
      << refused.status();
  EXPECT_EQ(Count("interactions"), 2);
  clock_.Advance(absl::Hours(23) + absl::Seconds(1));  // m1 is more than a day old
  EXPECT_EQ(*Report("m3", 2), 1);
  EXPECT_EQ(Count("interactions"), 3);
}

// Eight writes of one caller at once: `written` new, `refused` at the cap,
// `other` anything else (a conflict that outlived the pool's attempts).
struct Burst {
  int written = 0, refused = 0, other = 0;
};

// Runs `write(i)` for i in 0..7 on eight threads at once; it returns how many
// rows it wrote or its refusal.
template <typename Write>
Burst RunBurst(Write write) {
  std::atomic<int> written{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      absl::StatusOr<int> r = write(i);
      if (r.ok()) {
        written += *r;
      } else if (absl::IsResourceExhausted(r.status())) {
        ++refused;
      } else {
        ++other;
        ADD_FAILURE() << r.status();
      }
    });
  }
  for (auto& t : threads) t.join();
  return Burst{written.load(), refused.load(), other.load()};
}

TEST_F(WriteQuotaStoreTest, SEC11_ConcurrentSelfReportsQueueAndNeverPassTheCapTogether) {
  auto burst = [&](const std::string& prefix, int64_t cap) {
    return RunBurst([&](int i) { return Report(absl::StrCat(prefix, i), cap); });
  };
  // A window with a report in it.
  ASSERT_EQ(*Report("first", 3), 1);
  Burst b = burst("q", 3);
  EXPECT_EQ(b.written, 2);
  EXPECT_EQ(b.refused, 6);
  EXPECT_EQ(b.other, 0);
  EXPECT_EQ(Count("interactions"), 3);
  // An empty window (a day later): no row yet for them to wait on, and still
  // they take turns: exactly the cap is written, the rest refused, none fails.
  clock_.Advance(absl::Hours(25));
  b = burst("e", 3);
  EXPECT_EQ(b.written, 3);
  EXPECT_EQ(b.refused, 5);
  EXPECT_EQ(b.other, 0);
  EXPECT_EQ(Count("interactions"), 6);
}

// EmailInvite's answer as RunBurst counts it: one row written, or the refusal.
absl::StatusOr<int> Written(const absl::Status& st) {
  if (!st.ok()) return st;
  return 1;
}

TEST_F(WriteQuotaStoreTest, SEC11_ConcurrentEmailInvitesOfOneInviterQueueInAnEmptyWindow) {
  Burst b = RunBurst([&](int i) {
    return Written(
        EmailInvite(absl::StrCat("b", i), kSarah, absl::StrCat("dr", i, "@clinic.example"), 3, 10));
  });
  EXPECT_EQ(b.written, 3);
  EXPECT_EQ(b.refused, 5);
  EXPECT_EQ(b.other, 0);
  EXPECT_EQ(Count("invites"), 3);
  EXPECT_EQ(Count("invite_mails"), 3);
  // Eight inviters to one address at once: its cap holds the same way.
  b = RunBurst([&](int i) {
    return Written(EmailInvite(absl::StrCat("r", i),
                               absl::StrCat("01INVITER", i, "0000000000000000"),
                               "Dr.Same@clinic.example", 10, 2));
  });
  EXPECT_EQ(b.written, 2);
  EXPECT_EQ(b.refused, 6);
  EXPECT_EQ(b.other, 0);
  EXPECT_EQ(Count("invites"), 5);
}

TEST_F(WriteQuotaStoreTest, SEC11_EmailInvitesAreCountedPerInviterAndPerAddressInAnyCase) {
  ASSERT_TRUE(EmailInvite("a", kSarah, "dr.a@clinic.example", 3, 2).ok());
  ASSERT_TRUE(EmailInvite("b", kMark, "DR.A@clinic.example", 3, 2).ok());
  absl::Status st = EmailInvite("c", kSarah, "Dr.A@Clinic.Example", 3, 2);
  EXPECT_TRUE(absl::IsResourceExhausted(st)) << st;
  EXPECT_NE(st.message().find("by recipient"), std::string::npos) << st;
  EXPECT_EQ(Count("invites"), 2);
  EXPECT_EQ(Count("invite_mails"), 2);
  ASSERT_TRUE(EmailInvite("d", kSarah, "x@clinic.example", 3, 2).ok());
  ASSERT_TRUE(EmailInvite("e", kSarah, "y@clinic.example", 3, 2).ok());
  st = EmailInvite("f", kSarah, "z@clinic.example", 3, 2);
  EXPECT_TRUE(absl::IsResourceExhausted(st)) << st;
  EXPECT_NE(st.message().find("by inviter"), std::string::npos) << st;
  EXPECT_EQ(Count("invites"), 4);
  EXPECT_EQ(Count("invite_mails"), 4);
  // A day later the inviter sends again.
  clock_.Advance(absl::Hours(24) + absl::Seconds(1));
  EXPECT_TRUE(EmailInvite("g", kSarah, "z@clinic.example", 3, 2).ok());
}

}  // namespace
}  // namespace engage::connection
