// The invite_mails outbox (CON-13) on the real MariaDB with its dispatcher and
// the real SMTP sender against a real SMTP server on loopback:
// queued in the invite's transaction, retried with backoff while the server is
// down, sent once it is back, FAILED once the attempts are spent.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/time/clock.h"
#include "connection_svc/mail_dispatcher.h"
#include "connection_svc/mysql_invite_mails.h"
#include "connection_svc/mysql_invite_store.h"
#include "connection_svc/smtp_sender.h"
#include "tests/integration/connection_svc/invite_mail_fixture.h"
#include "tests/support/smtp_sink.h"
#include "tests/support/test_database.h"

namespace engage::connection {
namespace {

using testing::SmtpSink;

class InviteMailOutboxTest : public ::testing::Test {
 protected:
  InviteMailOutboxTest() : outbox_(db_.pool()), invites_(db_.pool()) {}

  Invite NewInvite(const std::string& id) {
    Invite i;
    i.invite_id = id;
    i.channel = InviteChannel::kApprovedEmail;
    i.inviter_profile_id = "01INVITER00000000000000000";
    i.inviter_subject = "sarah";
    i.recipient_email = "abernathy@clinic.example";
    i.create_time = clock_.Now();
    i.expire_time = clock_.Now() + absl::Hours(24);
    return i;
  }

  int64_t Count(const std::string& sql) {
    auto rows = db_.pool().Query(sql);
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }

  std::unique_ptr<MailDispatcher> DispatcherTo(SmtpSender& sender, int max_attempts) {
    outbox::RetryPolicy policy;
    policy.first = absl::Seconds(1);
    policy.max = absl::Seconds(4);
    policy.max_attempts = max_attempts;
    return std::make_unique<MailDispatcher>(outbox_.store(), sender, clock_, policy);
  }

  testing::TestDatabase db_;
  FakeClock clock_{absl::FromUnixSeconds(1700000000)};
  MysqlInviteMails outbox_;
  MysqlInviteStore invites_;
  const std::string tenant_ = "t1";
};

TEST_F(InviteMailOutboxTest, CON13_TheMailCommitsOrRollsBackWithItsInvite) {
  ASSERT_TRUE(invites_.CreateInvite(tenant_, NewInvite("01A"), "hash-a", nullptr, {}).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invite_mails"), 0) << "no mail for no mail";
  const OutgoingMail mail = SampleMail();
  ASSERT_TRUE(invites_.CreateInvite(tenant_, NewInvite("01B"), "hash-b", &mail, {}).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invite_mails WHERE message_id = '01B'"), 1);
  // A mail that cannot be queued (its id taken) takes its invite with it.
  ASSERT_TRUE(db_.pool()
                  .Transaction([&](mysql::Session& s) {
                    return QueueInviteMail(s, tenant_, "01C", mail, clock_.Now());
                  })
                  .ok());
  EXPECT_FALSE(invites_.CreateInvite(tenant_, NewInvite("01C"), "hash-c", &mail, {}).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invites WHERE invite_id = '01C'"), 0);
  // And an invite that cannot be inserted (its id taken) queues nothing.
  EXPECT_FALSE(invites_.CreateInvite(tenant_, NewInvite("01B"), "hash-d", &mail, {}).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invite_mails"), 2);
}

TEST_F(InviteMailOutboxTest, CON13_PendingWhileTheServerIsDownThenSentOnceItIsBack) {
  SmtpSink sink;
  sink.Stop();
  SmtpSender sender(LoopbackSmtp(sink.port()));
  auto dispatcher = DispatcherTo(sender, 10);
  const OutgoingMail mail = SampleMail();
  ASSERT_TRUE(invites_.CreateInvite(tenant_, NewInvite("01P"), "hash-p", &mail, {}).ok());
  auto state = outbox_.DeliveryOf(tenant_, "01P");
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(state->state, MailState::kPending);
  EXPECT_EQ(state->attempts, 0);

  ASSERT_TRUE(dispatcher->RunOnce(tenant_).ok());
  state = outbox_.DeliveryOf(tenant_, "01P");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->state, MailState::kPending);
  EXPECT_EQ(state->attempts, 1);
  EXPECT_TRUE(absl::StrContains(state->last_error, "smtp 127.0.0.1")) << state->last_error;

  ASSERT_TRUE(sink.Start());
  // Not before its backoff...
  ASSERT_TRUE(dispatcher->RunOnce(tenant_).ok());
  EXPECT_TRUE(sink.Messages().empty());
  // ...then sent, once.
  clock_.Advance(absl::Seconds(2));
  ASSERT_TRUE(dispatcher->RunOnce(tenant_).ok());
  ASSERT_TRUE(dispatcher->RunOnce(tenant_).ok());
  EXPECT_EQ(sink.WaitMessages(1, absl::Seconds(10)).size(), 1u);
  state = outbox_.DeliveryOf(tenant_, "01P");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->state, MailState::kSent);
  EXPECT_EQ(state->attempts, 2);
  EXPECT_EQ(state->last_error, "");
  EXPECT_EQ(state->state_time, clock_.Now());
}

TEST_F(InviteMailOutboxTest, CON13_FailedOnceTheAttemptsAreSpent) {
  SmtpSink sink;
  sink.Stop();
  SmtpSender sender(LoopbackSmtp(sink.port()));
  auto dispatcher = DispatcherTo(sender, 3);
  const OutgoingMail mail = SampleMail();
  ASSERT_TRUE(invites_.CreateInvite(tenant_, NewInvite("01F"), "hash-f", &mail, {}).ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(dispatcher->RunOnce(tenant_).ok());
    clock_.Advance(absl::Seconds(10));
  }
  auto state = outbox_.DeliveryOf(tenant_, "01F");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->state, MailState::kFailed);
  EXPECT_EQ(state->attempts, 3);
  EXPECT_TRUE(absl::StrContains(state->last_error, "smtp")) << state->last_error;
  // Given up: a server back later receives nothing.
  ASSERT_TRUE(sink.Start());
  ASSERT_TRUE(dispatcher->RunOnce(tenant_).ok());
  EXPECT_TRUE(sink.Messages().empty());
  EXPECT_EQ(outbox_.DeliveryOf(tenant_, "01F")->state, MailState::kFailed);
  // An invite without an e-mail has no state.
  EXPECT_EQ(outbox_.DeliveryOf(tenant_, "01NONE")->state, MailState::kNone);
}

// The rendered body holds the raw invite link (invites keep only its hash):
// once the e-mail is sent, or given up, the row keeps what GetInvite shows
// (state, time, attempts, error) and the address (for PRF-11), not the token.
TEST_F(InviteMailOutboxTest, CON13_ADoneMailNoLongerHoldsTheToken) {
  SmtpSink sink;
  SmtpSender sender(LoopbackSmtp(sink.port()));
  auto dispatcher = DispatcherTo(sender, 1);
  const OutgoingMail mail = SampleMail();
  ASSERT_TRUE(invites_.CreateInvite(tenant_, NewInvite("01S"), "hash-s", &mail, {}).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invite_mails WHERE body LIKE '%TOKEN123%'"), 1);
  ASSERT_TRUE(dispatcher->RunOnce(tenant_).ok());
  const auto sent = sink.WaitMessages(1, absl::Seconds(10));
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(absl::StrContains(sent.front().json, "TOKEN123")) << "the e-mail has the link";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invite_mails WHERE message_id = '01S' AND body = '' AND "
                  "subject = '' AND to_name = '' AND to_address = 'abernathy@clinic.example'"),
            1);
  auto state = outbox_.DeliveryOf(tenant_, "01S");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->state, MailState::kSent);
  EXPECT_EQ(state->attempts, 1);

  // Given up (the server gone, one attempt): cleared too, and not retried
  // with nothing to send.
  sink.Stop();
  ASSERT_TRUE(invites_.CreateInvite(tenant_, NewInvite("01G"), "hash-g", &mail, {}).ok());
  ASSERT_TRUE(dispatcher->RunOnce(tenant_).ok());
  EXPECT_EQ(outbox_.DeliveryOf(tenant_, "01G")->state, MailState::kFailed);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM invite_mails WHERE body <> '' OR subject <> '' OR "
                  "to_name <> ''"),
            0);
  EXPECT_EQ(outbox_.store().Retry(tenant_, "01G", clock_.Now()).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(outbox_.DeliveryOf(tenant_, "01G")->state, MailState::kFailed);
}

}  // namespace
}  // namespace engage::connection
