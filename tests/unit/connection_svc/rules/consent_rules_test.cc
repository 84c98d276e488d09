// Consent rules (SEC-05, SEC-06), the invite rules of SEC-08 and SEC-09, and
// the audit events of connection_svc (SEC-12): plain functions, no I/O.
#include "connection_svc/rules/consent_rules.h"

#include <gtest/gtest.h>

#include "common/status/errors.h"
#include "connection_svc/connection_audit.h"
#include "connection_svc/rules/invite_rules.h"

namespace engage::connection {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;
using engage::common::v1::ROLE_SERVICE;

const absl::Time kEnd = absl::FromUnixSeconds(1700000000);

Connection Ended(EndedBy by) {
  Connection c;
  c.connection_id = "01HCONN0000000000000000000";
  c.active = false;
  c.inactivation_time = kEnd;
  c.ended_by = by;
  return c;
}

Connection Active() {
  Connection c;
  c.connection_id = "01HCONN0000000000000000000";
  return c;
}

TEST(SEC05_Consent, OnlyTheHcpsOwnTokenOrIntegrationReportsConsent) {
  EXPECT_TRUE(ReportConsents(ROLE_HCP));
  EXPECT_TRUE(ReportConsents(ROLE_INTEGRATION));
  for (auto role :
       {ROLE_FIELD_USER, ROLE_ADMIN, ROLE_SERVICE, engage::common::v1::ROLE_UNSPECIFIED}) {
    EXPECT_FALSE(ReportConsents(role)) << role;
  }
}

TEST(SEC05_Consent, FieldUserReportNeverCreatesOrReactivates) {
  for (const std::optional<Connection>& existing :
       {std::optional<Connection>(), std::optional<Connection>(Ended(EndedBy::kFieldUser)),
        std::optional<Connection>(Ended(EndedBy::kHcp))}) {
    absl::Status st = CheckConnect(existing, {ROLE_FIELD_USER, kEnd + absl::Hours(1)});
    EXPECT_TRUE(absl::IsPermissionDenied(st)) << st;
    EXPECT_EQ(ReasonOf(st), "SEC-05");
    EXPECT_NE(st.message().find("SEC-05"), absl::string_view::npos);
  }
  // Nor does an act of no known role (e.g. a row stored without a reporter).
  EXPECT_EQ(ReasonOf(CheckConnect(std::nullopt, {})), "SEC-05");
}

TEST(SEC05_Consent, HcpOrIntegrationCreatesAndActiveStaysIdempotent) {
  EXPECT_TRUE(CheckConnect(std::nullopt, {ROLE_HCP, kEnd}).ok());
  EXPECT_TRUE(CheckConnect(std::nullopt, {ROLE_INTEGRATION, kEnd}).ok());
  EXPECT_TRUE(CheckConnect(Active(), {ROLE_INTEGRATION, kEnd - absl::Hours(1)}).ok());  // CON-10
}

TEST(SEC05_Consent, AnHcpReportsOnlyTheirOwnParticipation) {
  EXPECT_TRUE(CheckSelfReport(1, true, "attendees").ok());
  for (auto [n, by_profile] : {std::pair{2, true}, std::pair{1, false}, std::pair{3, false}}) {
    absl::Status st = CheckSelfReport(n, by_profile, "attendees");
    EXPECT_TRUE(absl::IsPermissionDenied(st)) << n << by_profile;
    EXPECT_EQ(ReasonOf(st), "SEC-05");
    EXPECT_NE(st.message().find("attendees"), absl::string_view::npos) << st;
  }
}

TEST(SEC06_HcpEnded, NoAutomaticConnectionReactivatesIt) {
  // INTEGRATION reports (meeting system, content system) never do, whenever made.
  for (absl::Duration d : {-absl::Hours(1), absl::ZeroDuration(), absl::Hours(1)}) {
    absl::Status st = CheckConnect(Ended(EndedBy::kHcp), {ROLE_INTEGRATION, kEnd + d});
    EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
    EXPECT_EQ(ReasonOf(st), "SEC-06");
  }
}

TEST(SEC06_HcpEnded, TheHcpsOwnActReportedBeforeTheEndDoesNotReactivate) {
  EXPECT_EQ(ReasonOf(CheckConnect(Ended(EndedBy::kHcp), {ROLE_HCP, kEnd - absl::Seconds(1)})),
            "SEC-06");
  EXPECT_EQ(ReasonOf(CheckConnect(Ended(EndedBy::kHcp), {ROLE_HCP, kEnd})), "SEC-06");
}

TEST(SEC06_HcpEnded, TheHcpActingAfterTheEndReactivates) {
  EXPECT_TRUE(CheckConnect(Ended(EndedBy::kHcp), {ROLE_HCP, kEnd + absl::Microseconds(1)}).ok());
}

TEST(SEC06_HcpEnded, UnrecordedAndRemovalEndsAreTreatedAsTheHcps) {
  for (EndedBy by : {EndedBy::kUnrecorded, EndedBy::kRemoval}) {
    EXPECT_EQ(ReasonOf(CheckConnect(Ended(by), {ROLE_INTEGRATION, kEnd + absl::Hours(1)})),
              "SEC-06");
    EXPECT_TRUE(CheckConnect(Ended(by), {ROLE_HCP, kEnd + absl::Hours(1)}).ok());
  }
}

TEST(SEC06_HcpEnded, AFieldUserEndedConnectionReconnectsOnConsent) {
  EXPECT_TRUE(CheckConnect(Ended(EndedBy::kFieldUser), {ROLE_INTEGRATION, kEnd}).ok());
  EXPECT_TRUE(CheckConnect(Ended(EndedBy::kFieldUser), {ROLE_HCP, kEnd}).ok());
}

TEST(SEC06_HcpEnded, DisconnectRecordsWhichSideEndedIt) {
  EXPECT_EQ(EndedByRole(ROLE_HCP), EndedBy::kHcp);
  EXPECT_EQ(EndedByRole(ROLE_FIELD_USER), EndedBy::kFieldUser);
  EXPECT_EQ(EndedByRole(ROLE_ADMIN), EndedBy::kUnrecorded);
}

Invite EmailInvite() {
  Invite i;
  i.invite_id = "01HINVITE00000000000000000";
  i.channel = InviteChannel::kApprovedEmail;
  i.recipient_email = "Abernathy@Clinic.example";
  i.state = InviteState::kPending;
  i.expire_time = kEnd + absl::Hours(1);
  return i;
}

TEST(SEC08_Recipient, OnlyTheVerifiedRecipientAnswersAnEmailInvite) {
  EXPECT_TRUE(CheckRecipient(EmailInvite(), "abernathy@clinic.example").ok());
  EXPECT_TRUE(CheckRecipient(EmailInvite(), "ABERNATHY@clinic.example").ok());
  for (const std::string email : {"", "mallory@clinic.example", "abernathy@clinic.example.evil"}) {
    absl::Status st = CheckRecipient(EmailInvite(), email);
    // SEC-03, CON-12: to anyone else the invite does not exist, word for word
    // the answer of a wrong token (was PERMISSION_DENIED SEC-08, which told
    // the caller the token was a live e-mail invite).
    EXPECT_EQ(st, NoInviteWithToken()) << email;
    EXPECT_TRUE(absl::IsNotFound(st)) << email;
    EXPECT_EQ(st.message().find("abernathy"), absl::string_view::npos) << st;
  }
}

TEST(SEC08_Recipient, LinkAndQrInvitesAreAnsweredByAnySignedInHcp) {
  for (InviteChannel channel : {InviteChannel::kLink, InviteChannel::kQrCode}) {
    Invite i = EmailInvite();
    i.channel = channel;
    i.recipient_email.clear();
    EXPECT_TRUE(CheckRecipient(i, "").ok());
    EXPECT_TRUE(CheckRecipient(i, "anyone@clinic.example").ok());
  }
}

TEST(SEC08_Recipient, RecipientIsCheckedBeforeTheInviteStateIsShown) {
  Invite used = EmailInvite();
  used.state = InviteState::kAccepted;
  // A stranger learns nothing about the invite's state.
  EXPECT_EQ(CheckAnswerable(used, "mallory@clinic.example", kEnd), NoInviteWithToken());
  EXPECT_EQ(ReasonOf(CheckAnswerable(used, "abernathy@clinic.example", kEnd)), "CON-03");
  EXPECT_TRUE(CheckAnswerable(EmailInvite(), "abernathy@clinic.example", kEnd).ok());
}

TEST(SEC08_AccountOrg, AnInvitesAccountBelongsToTheInvitersOrg) {
  EXPECT_TRUE(CheckInviteOrg("00D000000000001AAA", "00D000000000001AAA").ok());
  EXPECT_TRUE(CheckInviteOrg("00D000000000001AAA", "").ok());  // no account
  absl::Status st = CheckInviteOrg("00D000000000001AAA", "00D000000000002BBB");
  EXPECT_TRUE(absl::IsPermissionDenied(st)) << st;
  EXPECT_EQ(ReasonOf(st), "SEC-08");
  EXPECT_NE(st.message().find("org_id"), absl::string_view::npos);
  // A field user in no CRM org has no accounts to invite from.
  EXPECT_TRUE(absl::IsPermissionDenied(CheckInviteOrg("", "00D000000000002BBB")));
  EXPECT_TRUE(CheckInviteOrg("", "").ok());
}

TEST(SEC09_InviterGone, DeactivatedOrRemovedInvitersInvitesAreRevoked) {
  for (auto state : {auth::CallerState::kActive, auth::CallerState::kUnknown}) {
    EXPECT_TRUE(CheckInviterActive(state).ok());
  }
  for (auto state : {auth::CallerState::kDeactivated, auth::CallerState::kRemoved}) {
    absl::Status st = CheckInviterActive(state);
    EXPECT_TRUE(absl::IsFailedPrecondition(st)) << st;
    EXPECT_EQ(ReasonOf(st), "SEC-09");
  }
}

TEST(SEC12_Audit, EveryConnectionChangeHasItsActionAndNoChangeNone) {
  ConnectResult r;
  r.connection = Active();
  r.change = ChangeKind::kCreated;
  EXPECT_EQ(ConnectionAction(r), "CONNECT");
  r.change = ChangeKind::kReactivated;
  EXPECT_EQ(ConnectionAction(r), "RECONNECT");
  r.change = ChangeKind::kDeactivated;
  r.connection = Ended(EndedBy::kHcp);
  EXPECT_EQ(ConnectionAction(r), "DISCONNECT");
  r.connection = Ended(EndedBy::kRemoval);
  EXPECT_EQ(ConnectionAction(r), "DEACTIVATE");
  r.change = ChangeKind::kNone;
  EXPECT_FALSE(ConnectionAction(r).has_value());
  EXPECT_FALSE(ConnectionEvent("acme", JobActor(), r, kEnd).has_value());
}

TEST(SEC12_Audit, EventsSayWhoWhenWhatAndThroughWhichMethod) {
  ConnectResult r;
  r.connection = Active();
  r.change = ChangeKind::kCreated;
  const AuditActor actor{"dr-a", ROLE_HCP, "/engage.connection.v1.ConnectionService/AcceptInvite"};
  auto event = ConnectionEvent("acme", actor, r, kEnd);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->tenant, "acme");
  EXPECT_EQ(event->actor_subject, "dr-a");
  EXPECT_EQ(event->actor_role, ROLE_HCP);
  EXPECT_EQ(event->method, actor.method);
  EXPECT_EQ(event->object_type, "CONNECTION");
  EXPECT_EQ(event->object_id, r.connection.connection_id);
  EXPECT_EQ(event->time, kEnd);
  auto invite =
      InviteEvent("acme", JobActor(), "INVITE_REVOKE", "01HINVITE00000000000000000", kEnd);
  EXPECT_EQ(invite.object_type, "INVITE");
  EXPECT_EQ(invite.action, "INVITE_REVOKE");
  EXPECT_EQ(invite.method, "post-processing");
  EXPECT_EQ(invite.actor_role, ROLE_SERVICE);
}

}  // namespace
}  // namespace engage::connection
