// CON-13 end to end: an APPROVED_EMAIL invite made through the real gateway is
// rendered from the approved e-mail template that reached the inviter's CRM
// org through promomats_svc (PMX-11), queued with the invite, and sent by
// connection_svc through a real SMTP server on loopback (python3-aiosmtpd),
// with retries while that server is down.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/e2e/connection_svc/connection_e2e_fixture.h"
#include "tests/support/smtp_sink.h"

namespace engage::testing {
namespace {

// The fixture's Invite() hides the message's name inside the class.
using InviteMsg = engage::connection::v1::Invite;

class InviteMailE2e : public MailMeshSuite {
 protected:
  grpc::Status Create(const CreateInviteRequest& request, CreateInviteResponse* response) {
    return connections_->CreateInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), request, response);
  }

  CreateInviteRequest EmailInvite(const std::string& to) {
    CreateInviteRequest request;
    request.set_inviter_profile_id(sarah_);
    request.set_channel(INVITE_CHANNEL_APPROVED_EMAIL);
    request.set_recipient_email(to);
    request.set_recipient_name("Dr Abernathy");
    return request;
  }

  InviteMsg Get(const std::string& invite_id, engage::common::v1::Role role = ROLE_FIELD_USER,
                const std::string& subject = "sarah", grpc::Status* status = nullptr) {
    GetInviteRequest request;
    request.set_invite_id(invite_id);
    GetInviteResponse response;
    grpc::Status st = connections_->GetInvite(Ctx(role, subject).get(), request, &response);
    if (status != nullptr) *status = st;
    return response.invite();
  }

  // The invite once its e-mail reached `state`, or as it is after 15 s.
  InviteMsg WaitMail(const std::string& invite_id, EmailDeliveryState state) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    InviteMsg invite = Get(invite_id);
    while (invite.email_delivery().state() != state && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      invite = Get(invite_id);
    }
    return invite;
  }

  // The messages to `to` received so far, as decoded JSON.
  std::vector<std::string> ReceivedBy(const std::string& to, size_t at_least) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    std::vector<std::string> out;
    for (;;) {
      out.clear();
      for (const auto& m : sink_->Messages()) {
        if (absl::StrContains(m.json, absl::StrCat("\"rcpt_tos\": [\"", to, "\"]"))) {
          out.push_back(m.json);
        }
      }
      if (out.size() >= at_least || std::chrono::steady_clock::now() > until) return out;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  // Rows of the tenant's invites and queued e-mails: a refusal adds none.
  int64_t InvitesAndMails() {
    auto rows = mesh_->db().pool().Query(
        "SELECT (SELECT COUNT(*) FROM invites WHERE tenant_id = ?) + "
        "(SELECT COUNT(*) FROM invite_mails WHERE tenant_id = ?)",
        {tenant_, tenant_});
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }
};

TEST_F(InviteMailE2e, CON13_TheReceivedMessageHoldsTheLinkAndTheRenderedTemplate) {
  PublishTemplate("Connect invite", "{{inviter_name}} would like to connect, {{recipient_name}}",
                  "Dear {{recipient_name}},\n\nI would like to connect with you on Engage.\n"
                  "Open {{invite_link}} to see my card.\n\n{{inviter_name}}");
  const std::string to = UniqueName("dr") + "@clinic.example";
  CreateInviteResponse created;
  grpc::Status st = Create(EmailInvite(to), &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(created.invite().email_delivery().state(), EMAIL_DELIVERY_STATE_PENDING);
  auto got = ReceivedBy(to, 1);
  ASSERT_EQ(got.size(), 1u);
  const std::string& json = got[0];
  EXPECT_TRUE(absl::StrContains(json, created.link())) << json;
  EXPECT_TRUE(absl::StrContains(json, "Dear Dr Abernathy,")) << json;
  EXPECT_TRUE(absl::StrContains(json, "I would like to connect with you on Engage.")) << json;
  EXPECT_TRUE(absl::StrContains(json,
                                "\"subject\": \"Sarah Jones would like to connect, Dr "
                                "Abernathy\""))
      << json;
  EXPECT_TRUE(absl::StrContains(json, "\"from\": \"Sarah Jones <engage@mesh.example>\"")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"to\": \"Dr Abernathy <" + to + ">\"")) << json;
  EXPECT_FALSE(absl::StrContains(json, "{{")) << json;
  // The inviter sees it sent; exactly one message went out.
  InviteMsg invite = WaitMail(created.invite().invite_id(), EMAIL_DELIVERY_STATE_SENT);
  EXPECT_EQ(invite.email_delivery().state(), EMAIL_DELIVERY_STATE_SENT);
  EXPECT_EQ(invite.email_delivery().attempts(), 1);
  EXPECT_EQ(invite.email_delivery().last_error(), "");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(ReceivedBy(to, 1).size(), 1u);
}

TEST_F(InviteMailE2e, CON13_PendingWhileTheServerIsDownThenSentOnceItIsBack) {
  PublishTemplate("Connect invite", "Let us connect", "{{invite_link}}");
  sink_->Stop();
  const std::string to = UniqueName("dr") + "@clinic.example";
  CreateInviteResponse created;
  grpc::Status st = Create(EmailInvite(to), &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const std::string id = created.invite().invite_id();
  // Attempts fail and are retried; the invite says so.
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  InviteMsg invite = Get(id);
  while (invite.email_delivery().attempts() < 2 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    invite = Get(id);
  }
  EXPECT_EQ(invite.email_delivery().state(), EMAIL_DELIVERY_STATE_PENDING);
  EXPECT_GE(invite.email_delivery().attempts(), 2);
  EXPECT_TRUE(absl::StrContains(invite.email_delivery().last_error(), "smtp 127.0.0.1"))
      << invite.email_delivery().last_error();
  ASSERT_TRUE(sink_->Start());
  invite = WaitMail(id, EMAIL_DELIVERY_STATE_SENT);
  EXPECT_EQ(invite.email_delivery().state(), EMAIL_DELIVERY_STATE_SENT);
  EXPECT_EQ(invite.email_delivery().last_error(), "");
  auto got = ReceivedBy(to, 1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(absl::StrContains(got[0], created.link()));
}

TEST_F(InviteMailE2e, CON03_ARevokedInvitesUnsentEmailIsGivenUpAndNeverSent) {
  PublishTemplate("Connect invite", "Let us connect", "{{invite_link}}");
  sink_->Stop();
  const std::string to = UniqueName("wrong") + "@clinic.example";
  CreateInviteResponse created;
  grpc::Status st = Create(EmailInvite(to), &created);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const std::string id = created.invite().invite_id();
  RevokeInviteRequest revoke;
  revoke.set_invite_id(id);
  RevokeInviteResponse revoked;
  st = connections_->RevokeInvite(Ctx(ROLE_FIELD_USER, "sarah").get(), revoke, &revoked);
  ASSERT_TRUE(st.ok()) << st.error_message();
  // The invite says what became of its e-mail: given up, not pending.
  InviteMsg invite = Get(id);
  EXPECT_EQ(invite.email_delivery().state(), EMAIL_DELIVERY_STATE_FAILED);
  EXPECT_TRUE(absl::StrContains(invite.email_delivery().last_error(), "CON-03"))
      << invite.email_delivery().last_error();
  // Once the server is back, a later invite's e-mail goes out; the revoked
  // one's never does.
  ASSERT_TRUE(sink_->Start());
  const std::string control_to = UniqueName("control") + "@clinic.example";
  CreateInviteResponse control;
  st = Create(EmailInvite(control_to), &control);
  ASSERT_TRUE(st.ok()) << st.error_message();
  WaitMail(control.invite().invite_id(), EMAIL_DELIVERY_STATE_SENT);
  EXPECT_EQ(ReceivedBy(control_to, 1).size(), 1u);
  EXPECT_TRUE(ReceivedBy(to, 0).empty());
  EXPECT_EQ(Get(id).email_delivery().state(), EMAIL_DELIVERY_STATE_FAILED);
}

TEST_F(InviteMailE2e, CON13_HeaderInjectionThroughEachFieldIsRefusedAndNothingIsQueued) {
  PublishTemplate("Connect invite", "{{inviter_name}} invites you", "{{invite_link}}");
  const int64_t before = InvitesAndMails();
  struct Case {
    std::string field;
    std::function<void(CreateInviteRequest&)> poison;
  };
  const std::vector<Case> cases = {
      {"recipient_email",
       [](auto& r) { r.set_recipient_email("a@clinic.example\r\nBcc: all@evil.example"); }},
      {"recipient_email",
       [](auto& r) { r.set_recipient_email("a@clinic.example, all@evil.example"); }},
      {"recipient_email", [](auto& r) { r.set_recipient_email("Dr A <a@clinic.example>"); }},
      {"recipient_email", [](auto& r) { r.set_recipient_email("a@clinic.example\n"); }},
      {"recipient_name", [](auto& r) { r.set_recipient_name("Dr A\r\nBcc: all@evil.example"); }},
      {"recipient_name", [](auto& r) { r.set_recipient_name("Dr A\nSubject: free"); }},
      {"recipient_name", [](auto& r) { r.set_recipient_name(std::string("Dr\0A", 4)); }},
      {"recipient_name",
       [](auto& r) {
         r.set_recipient_name(
             "Dr\xe2\x80\xa8"
             "A");
       }},
      // CON-13: no link, address or long text through the company's relay.
      {"recipient_name",
       [](auto& r) { r.set_recipient_name("Dr A, verify at https://evil.example"); }},
      {"recipient_name", [](auto& r) { r.set_recipient_name("Dr A www.evil.example"); }},
      {"recipient_name", [](auto& r) { r.set_recipient_name("Dr A, mail me@evil.example"); }},
      {"recipient_name", [](auto& r) { r.set_recipient_name(std::string(101, 'a')); }},
      {"email_template_name", [](auto& r) { r.set_email_template_name("Invite\r\nX: y"); }},
  };
  for (const auto& c : cases) {
    CreateInviteRequest request = EmailInvite("a@clinic.example");
    c.poison(request);
    CreateInviteResponse response;
    grpc::Status st = Create(request, &response);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
    EXPECT_TRUE(absl::StartsWith(st.error_message(), c.field)) << st.error_message();
  }
  // The inviter's own name reaches the From header and the subject: profile_svc
  // keeps line breaks out of it (a User Detail field), so a name with one never
  // gets this far; invite_mailer_test covers the refusal if one did.
  EXPECT_EQ(InvitesAndMails(), before);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(ReceivedBy("all@evil.example", 0).empty());
}

TEST_F(InviteMailE2e,
       CON13_NoApprovedInviteTemplateInTheInvitersOrgIsFailedPreconditionAndNoInvite) {
  CreateInviteResponse response;
  // Nothing published to sarah's org yet.
  grpc::Status st = Create(EmailInvite("a@clinic.example"), &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_TRUE(absl::StartsWith(st.error_message(), "CON-13: ")) << st.error_message();
  // A template that is not marked for invites is never used, named or not.
  PublishTemplate("Product news", "News", "{{invite_link}}", /*invite_mark=*/false);
  st = Create(EmailInvite("a@clinic.example"), &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  CreateInviteRequest named = EmailInvite("a@clinic.example");
  for (const char* name : {"Does not exist", "Product news"}) {
    named.set_email_template_name(name);
    st = Create(named, &response);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << name;
  }
  // Nor is one marked but not approved yet (NON_STEADY: in the CRM for review).
  PublishTemplate("Draft invite", "Draft", "{{invite_link}}", /*invite_mark=*/true,
                  pmx::LIFECYCLE_STATE_NON_STEADY);
  st = Create(EmailInvite("a@clinic.example"), &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  named.set_email_template_name("Draft invite");
  st = Create(named, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  // An inviter in no CRM org has no template at all.
  const std::string mark = FieldUser("mark");
  CreateInviteRequest by_mark = EmailInvite("a@clinic.example");
  by_mark.set_inviter_profile_id(mark);
  st = connections_->CreateInvite(Ctx(ROLE_FIELD_USER, "mark").get(), by_mark, &response);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
  EXPECT_EQ(InvitesAndMails(), 0);
  // An approved template marked for invites is sent, named or not.
  PublishTemplate("Invite letter", "Let us connect", "{{invite_link}}", /*invite_mark=*/true);
  named.set_email_template_name("Invite letter");
  st = Create(named, &response);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(InvitesAndMails(), 2);
  st = Create(EmailInvite("b@clinic.example"), &response);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(InvitesAndMails(), 4);
}

TEST_F(InviteMailE2e, CON13_OnlyTheInviterAndAdminsSeeTheEmailState) {
  CreateInviteResponse created = Invite(INVITE_CHANNEL_APPROVED_EMAIL);
  const std::string id = created.invite().invite_id();
  grpc::Status st;
  InviteMsg by_admin = Get(id, ROLE_ADMIN, "admin", &st);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_NE(by_admin.email_delivery().state(), EMAIL_DELIVERY_STATE_UNSPECIFIED);
  // Another field user: answered as a missing id (nothing tells it exists);
  // an HCP: not a role of the method.
  FieldUser("mark");
  Get(id, ROLE_FIELD_USER, "mark", &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  grpc::Status missing;
  std::string no_such = id;  // a well-formed id of no invite
  no_such.back() = no_such.back() == 'Z' ? 'Y' : 'Z';
  Get(no_such, ROLE_FIELD_USER, "mark", &missing);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(st.error_message(), missing.error_message());
  Get(id, ROLE_HCP, "dr-a", &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // The HCP's own answer does not carry it either.
  DeclineInviteRequest decline;
  decline.set_token(TokenOf(created.link()));
  DeclineInviteResponse declined;
  st = connections_->DeclineInvite(Ctx(ROLE_HCP, "dr-a").get(), decline, &declined);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_FALSE(declined.invite().has_email_delivery());
  EXPECT_EQ(declined.invite().recipient_email(), "");
  // A link invite has no e-mail.
  InviteMsg link = Get(Invite(INVITE_CHANNEL_LINK).invite().invite_id());
  EXPECT_FALSE(link.has_email_delivery());
}

TEST_F(InviteMailE2e, SEC12_AnAdminReadingAnInvitesRecipientEmailIsAudited) {
  const std::string email_id = Invite(INVITE_CHANNEL_APPROVED_EMAIL).invite().invite_id();
  const std::string link_id = Invite(INVITE_CHANNEL_LINK).invite().invite_id();
  grpc::Status st;
  // The inviter reading her own invite and an admin reading one without an
  // e-mail read no contact data; refused reads record nothing either.
  Get(email_id, ROLE_FIELD_USER, "sarah", &st);
  ASSERT_TRUE(st.ok()) << st.error_message();
  Get(link_id, ROLE_ADMIN, "admin", &st);
  ASSERT_TRUE(st.ok()) << st.error_message();
  FieldUser("mark");
  Get(email_id, ROLE_FIELD_USER, "mark", &st);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
  const InviteMsg read = Get(email_id, ROLE_ADMIN, "admin", &st);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_NE(read.recipient_email(), "");
  // Written every 200 ms: wait for the admin's event, then check it is the only one.
  std::vector<std::string> events;
  for (int i = 0; i < 50 && events.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    events.clear();
    auto rows = mesh_->db().pool().Query(
        "SELECT action, object_type, object_id, actor_subject FROM audit_events "
        "WHERE tenant_id = ? AND action = 'READ_CONTACT' ORDER BY event_id",
        {tenant_});
    ASSERT_TRUE(rows.ok()) << rows.status();
    for (const auto& r : *rows) {
      events.push_back(
          absl::StrCat(r.String(0), " ", r.String(1), " ", r.String(2), " ", r.String(3)));
    }
  }
  EXPECT_EQ(events,
            (std::vector<std::string>{absl::StrCat("READ_CONTACT INVITE ", email_id, " admin")}));
}

}  // namespace
}  // namespace engage::testing
