// Composing an invite's e-mail (CON-13) with the other services replaced by
// fakes: which template, which refusal, and which field a header-breaking
// value is blamed on. No I/O.
#include "connection_svc/invite_mailer.h"

#include <gtest/gtest.h>

#include <map>

#include "absl/strings/match.h"
#include "common/outbox/retry_policy.h"
#include "common/status/errors.h"
#include "common/time/clock.h"
#include "connection_svc/mail_dispatcher.h"

namespace engage::connection {
namespace {

class FakeSources final : public MailSources {
 public:
  absl::StatusOr<CrmOrgRef> CrmOrg(const std::string&, const std::string& org_id) override {
    asked_org = org_id;
    return org;
  }
  absl::StatusOr<std::string> InviterName(const std::string& authorization,
                                          const std::string&) override {
    asked_authorization = authorization;
    return name;
  }
  absl::StatusOr<InviteTemplate> Template(const std::string&, const CrmOrgRef& crm_org,
                                          const std::string& template_name) override {
    asked_domain = crm_org.domain;
    asked_sandbox = crm_org.sandbox;
    asked_name = template_name;
    return tmpl;
  }

  absl::StatusOr<CrmOrgRef> org = CrmOrgRef{"acme.veevavault.com", false};
  absl::StatusOr<std::string> name = std::string("Sarah Jones");
  absl::StatusOr<InviteTemplate> tmpl = InviteTemplate{"Invite", "{{inviter_name}} invites you",
                                                       "Hello {{recipient_name}}: {{invite_link}}"};
  std::string asked_org, asked_authorization, asked_domain, asked_name;
  bool asked_sandbox = true;
};

// Compose never reads the outbox.
class NoOutbox final : public MailOutbox {
 public:
  absl::StatusOr<MailDelivery> DeliveryOf(const std::string&, const std::string&) override {
    return absl::UnimplementedError("not in this test");
  }
};

class RecordingSender final : public MailSender {
 public:
  absl::Status Send(const OutgoingMail& mail, const std::string& message_id) override {
    sent.push_back(mail);
    ids.push_back(message_id);
    return result;
  }
  absl::Status result;
  std::vector<OutgoingMail> sent;
  std::vector<std::string> ids;
};

class InviteMailerTest : public ::testing::Test {
 protected:
  absl::StatusOr<OutgoingMail> Compose(const std::string& org = "00D000000000001AAA") {
    ProfileOwner inviter{"01SARAH", ProfileKind::kStaff, "sarah", false, org};
    return mailer_.Compose("t1", "Bearer sarahs-token", inviter,
                           {"abernathy@clinic.example", "Dr Abernathy", "", kLink});
  }
  static std::string FieldOf(const absl::Status& st) {
    auto errors = FieldErrorsOf(st);
    return errors.empty() ? "" : errors.front().field;
  }

  static constexpr char kLink[] = "https://engage.example.com/invite/TOKEN";
  FakeSources sources_;
  NoOutbox outbox_;
  InviteMailer mailer_{sources_, outbox_};
};

TEST_F(InviteMailerTest, CON13_RendersTheTemplateOfTheInvitersOrg) {
  auto mail = Compose();
  ASSERT_TRUE(mail.ok()) << mail.status();
  EXPECT_EQ(sources_.asked_org, "00D000000000001AAA");
  EXPECT_EQ(sources_.asked_domain, "acme.veevavault.com");
  EXPECT_FALSE(sources_.asked_sandbox);  // PMX-06: the org's own type is asked for
  EXPECT_EQ(sources_.asked_name, "");
  EXPECT_EQ(sources_.asked_authorization, "Bearer sarahs-token");
  EXPECT_EQ(mail->to_address, "abernathy@clinic.example");
  EXPECT_EQ(mail->to_name, "Dr Abernathy");
  EXPECT_EQ(mail->from_name, "Sarah Jones");
  EXPECT_EQ(mail->content.subject, "Sarah Jones invites you");
  EXPECT_EQ(mail->content.body, std::string("Hello Dr Abernathy: ") + kLink);
}

TEST_F(InviteMailerTest, PMX06_ASandboxOrgAsksForASandboxVaultsTemplate) {
  sources_.org = CrmOrgRef{"acme-sandbox.veevavault.com", true};
  ASSERT_TRUE(Compose().ok());
  EXPECT_EQ(sources_.asked_domain, "acme-sandbox.veevavault.com");
  EXPECT_TRUE(sources_.asked_sandbox);
}

TEST_F(InviteMailerTest, CON13_NoTemplateIsFailedPreconditionNamingTheRule) {
  sources_.tmpl = absl::NotFoundError("no approved e-mail template marked engage_invite");
  auto mail = Compose();
  EXPECT_EQ(mail.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(absl::StartsWith(mail.status().message(), "CON-13: ")) << mail.status();
  EXPECT_EQ(ReasonOf(mail.status()), "CON-13");
  // Several marked and none named: no pick by chance, the same refusal.
  sources_.tmpl = absl::FailedPreconditionError("several approved e-mail templates");
  EXPECT_EQ(Compose().status().code(), absl::StatusCode::kFailedPrecondition);
  // An inviter in no org, or an org not registered: no template can have reached them.
  sources_.tmpl = InviteTemplate{"Invite", "S", "B"};
  EXPECT_EQ(ReasonOf(Compose("").status()), "CON-13");
  sources_.org = absl::NotFoundError("no such org");
  EXPECT_EQ(ReasonOf(Compose().status()), "CON-13");
}

TEST_F(InviteMailerTest, CON13_AnotherServiceDownIsUnavailableNotAMissingTemplate) {
  sources_.tmpl = absl::UnavailableError("promomats_svc down");
  EXPECT_EQ(Compose().status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(InviteMailerTest, CON13_HeaderInjectionThroughTheInvitersNameOrTheSubjectIsRefused) {
  sources_.name = std::string("Sarah\r\nBcc: everyone@evil.example");
  auto mail = Compose();
  EXPECT_EQ(mail.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(mail.status()), "inviter_name");
  sources_.name = std::string("Sarah Jones");
  sources_.tmpl = InviteTemplate{"Invite", "Hi\nBcc: everyone@evil.example", "B"};
  mail = Compose();
  EXPECT_EQ(mail.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldOf(mail.status()), "subject");
}

TEST_F(InviteMailerTest, CON13_AnInvitersDisplayNameWithALinkOrAddressIsRefused) {
  for (const char* phishing : {"Acme Security: verify at https://acme-login.evil.example",
                               "Acme IT www.evil.example", "Write to help@evil.example"}) {
    sources_.name = std::string(phishing);
    auto mail = Compose();
    EXPECT_EQ(mail.status().code(), absl::StatusCode::kInvalidArgument) << phishing;
    EXPECT_EQ(FieldOf(mail.status()), "inviter_name") << phishing;
  }
  sources_.name = std::string("Dr. Sarah Jones-Smith, PharmD");
  EXPECT_TRUE(Compose().ok());
}

// The dispatcher's store is never reached by Attempt.
class NoStore final : public outbox::Store {
 public:
  const std::string& name() const override { return name_; }
  absl::StatusOr<std::vector<std::string>> TenantsWithPending() override { return Nope(); }
  absl::StatusOr<std::vector<std::string>> Due(const std::string&, absl::Time, int) override {
    return Nope();
  }
  absl::StatusOr<Processed> Process(
      const std::string&, const std::string&, absl::Time,
      const std::function<absl::StatusOr<outbox::Record>(const outbox::Message&)>&) override {
    return Nope();
  }
  absl::StatusOr<outbox::Counts> CountsOf(const std::string&) override { return Nope(); }
  absl::StatusOr<std::map<std::string, outbox::Counts>> AllCounts() override { return Nope(); }
  absl::StatusOr<std::vector<outbox::Status>> List(const std::string&, const outbox::ListFilter&,
                                                   const std::string&, int) override {
    return Nope();
  }
  absl::Status Retry(const std::string&, const std::string&, absl::Time) override { return Nope(); }

 private:
  static absl::Status Nope() { return absl::UnimplementedError("not in this test"); }
  std::string name_ = "invite_mails";
};

TEST(CON13_Attempt, SentOrRetriedWithTheServersErrorUnderOneMessageId) {
  RecordingSender sender;
  NoStore store;
  FakeClock clock(absl::FromUnixSeconds(1700000000));
  MailDispatcher dispatcher(store, sender, clock, outbox::RetryPolicy());
  outbox::Message queued;
  queued.tenant = "t1";
  queued.id = "01INVITE";
  queued.key = "01INVITE";
  queued.payload = {"a@b.example", "A", "Sarah", "Subject", "Body"};
  auto done = dispatcher.Attempt(queued);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->kind, outbox::Outcome::Kind::kSent);
  ASSERT_EQ(sender.sent.size(), 1u);
  EXPECT_EQ(sender.sent[0].to_address, "a@b.example");
  EXPECT_EQ(sender.sent[0].to_name, "A");
  EXPECT_EQ(sender.sent[0].from_name, "Sarah");
  EXPECT_EQ(sender.sent[0].content.subject, "Subject");
  EXPECT_EQ(sender.sent[0].content.body, "Body");
  EXPECT_EQ(sender.ids[0], "invite.t1.01INVITE");
  sender.result = absl::UnavailableError("smtp 127.0.0.1:25: connection refused");
  queued.attempts = 2;
  done = dispatcher.Attempt(queued);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->kind, outbox::Outcome::Kind::kRetry);
  EXPECT_EQ(done->error, "smtp 127.0.0.1:25: connection refused");
  // The same Message-ID on every attempt.
  EXPECT_EQ(sender.ids[1], "invite.t1.01INVITE");
}

TEST(CON13_Retry, BackoffDoublesToItsCapThenTheEmailIsFailed) {
  // The defaults the README documents (mail-retry-first-ms, -max-ms,
  // mail-max-attempts), without the jitter (0.5 is its middle).
  outbox::RetryPolicy policy;
  policy.first = absl::Seconds(5);
  policy.max = absl::Minutes(10);
  policy.max_attempts = 10;
  const absl::Duration expected[] = {absl::Seconds(5),   absl::Seconds(10),  absl::Seconds(20),
                                     absl::Seconds(40),  absl::Seconds(80),  absl::Seconds(160),
                                     absl::Seconds(320), absl::Seconds(600), absl::Seconds(600)};
  for (int attempt = 1; attempt <= 9; ++attempt) {
    EXPECT_FALSE(outbox::GivesUp(policy, attempt)) << attempt;
    EXPECT_EQ(outbox::BackoffDelay(policy, attempt, 0.5), expected[attempt - 1]) << attempt;
  }
  EXPECT_TRUE(outbox::GivesUp(policy, 10));
  EXPECT_TRUE(outbox::GivesUp(policy, 11));
  // A huge attempt count does not overflow the wait.
  EXPECT_EQ(outbox::BackoffDelay(policy, 999, 0.5), policy.max);
}

}  // namespace
}  // namespace engage::connection
