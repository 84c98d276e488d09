// SEC-11 through the gateway (attack review 5, finding 6): an HCP's own
// meeting reports and a field user's e-mail invites have daily caps; a call
// past one is RESOURCE_EXHAUSTED naming the rule, with a RetryInfo, and
// writes nothing. The caps are set low here; their defaults are far above
// what a real user does.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/e2e/connection_svc/connection_e2e_fixture.h"
#include "tests/support/smtp_sink.h"

namespace engage::testing {
namespace {

class WriteCapsE2e : public MailMeshSuite {
 protected:
  static void SetUpTestSuite() {
    StartMailMesh({{"connection",
                    {{"ENGAGE_INVITE_MAILS_PER_INVITER_PER_DAY", "3"},
                     {"ENGAGE_INVITE_MAILS_PER_RECIPIENT_PER_DAY", "2"},
                     {"ENGAGE_SELF_REPORTED_MEETINGS_PER_HCP_PER_DAY", "2"}}}});
  }

  grpc::Status EmailInvite(const std::string& subject, const std::string& inviter,
                           const std::string& to) {
    if (pm_vault_.empty()) {
      PublishTemplate("Connect invite", "{{inviter_name}} would like to connect",
                      "Dear {{recipient_name}}, {{invite_link}}");
    }
    CreateInviteRequest request;
    request.set_inviter_profile_id(inviter);
    request.set_channel(INVITE_CHANNEL_APPROVED_EMAIL);
    request.set_recipient_email(to);
    request.set_recipient_name("Dr Abernathy");
    CreateInviteResponse response;
    return connections_->CreateInvite(Ctx(ROLE_FIELD_USER, subject).get(), request, &response);
  }

  grpc::Status SelfReport(const std::string& meeting, const std::string& host = "") {
    RecordMeetingAttendanceRequest request;
    request.set_meeting_id(meeting);
    request.set_host_profile_id(host.empty() ? sarah_ : host);
    request.add_attendees()->set_hcp_profile_id(dr_a_);
    RecordMeetingAttendanceResponse response;
    return connections_->RecordMeetingAttendance(Ctx(ROLE_HCP, "dr-a").get(), request, &response);
  }

  int64_t Count(const std::string& sql) {
    auto rows = mesh_->db().pool().Query(sql, {tenant_});
    EXPECT_TRUE(rows.ok()) << rows.status();
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  }
  int64_t Invites() { return Count("SELECT COUNT(*) FROM invites WHERE tenant_id = ?"); }
  int64_t Mails() { return Count("SELECT COUNT(*) FROM invite_mails WHERE tenant_id = ?"); }
  int64_t Interactions() { return Count("SELECT COUNT(*) FROM interactions WHERE tenant_id = ?"); }

  static void ExpectSec11(const grpc::Status& st, const std::string& what) {
    EXPECT_EQ(st.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << st.error_message();
    EXPECT_TRUE(absl::StartsWith(st.error_message(), "SEC-11: ")) << st.error_message();
    EXPECT_TRUE(absl::StrContains(st.error_message(), what)) << st.error_message();
    EXPECT_TRUE(absl::StrContains(st.error_details(), "SEC-11"));
    EXPECT_TRUE(absl::StrContains(st.error_details(), "google.rpc.RetryInfo"));
  }
};

TEST_F(WriteCapsE2e, SEC11_AnHcpsSelfReportedMeetingsAreCappedPerDay) {
  ASSERT_TRUE(SelfReport("m-1").ok());
  ASSERT_TRUE(SelfReport("m-2").ok());
  // The same meeting again records nothing new, so it is not refused.
  grpc::Status again = SelfReport("m-2");
  EXPECT_TRUE(again.ok()) << again.error_message();
  EXPECT_EQ(Interactions(), 2);
  // A third new meeting, with another host too: refused, nothing written.
  const std::string mark = FieldUser("mark", kSarahOrg, "Mark", "Lee");
  ExpectSec11(SelfReport("m-3"), "meetings reported by one HCP");
  ExpectSec11(SelfReport("m-4", mark), "meetings reported by one HCP");
  EXPECT_EQ(Interactions(), 2);
  // Other reporters are not held by one HCP's cap: the meeting system
  // (INTEGRATION) still reports, another HCP still reports.
  const std::string dr_b = Hcp("dr-b", "bell@clinic.example");
  RecordMeetingAttendanceRequest request;
  request.set_meeting_id("m-5");
  request.set_host_profile_id(sarah_);
  request.add_attendees()->set_hcp_profile_id(dr_a_);
  RecordMeetingAttendanceResponse response;
  grpc::Status st = connections_->RecordMeetingAttendance(Ctx(ROLE_INTEGRATION, "meetings").get(),
                                                          request, &response);
  EXPECT_TRUE(st.ok()) << st.error_message();
  request.mutable_attendees(0)->set_hcp_profile_id(dr_b);
  st = connections_->RecordMeetingAttendance(Ctx(ROLE_HCP, "dr-b").get(), request, &response);
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(Interactions(), 4);
}

TEST_F(WriteCapsE2e, SEC11_EmailInvitesAreCappedPerInviterAndPerRecipient) {
  // Per recipient: two to one address (any spelling of its case), the third refused.
  ASSERT_TRUE(EmailInvite("sarah", sarah_, "victim@clinic.example").ok());
  ASSERT_TRUE(EmailInvite("sarah", sarah_, "Victim@Clinic.Example").ok());
  const int64_t invites = Invites(), mails = Mails();
  ExpectSec11(EmailInvite("sarah", sarah_, "VICTIM@clinic.example"),
              "e-mail invites to one recipient address");
  // Another inviter to that address: the recipient's cap is the company's.
  const std::string mark = FieldUser("mark", kSarahOrg, "Mark", "Lee");
  ExpectSec11(EmailInvite("mark", mark, "victim@clinic.example"),
              "e-mail invites to one recipient address");
  EXPECT_EQ(Invites(), invites);
  EXPECT_EQ(Mails(), mails);

  // Per inviter: sarah's third e-mail invite (another address) passes, her fourth is refused.
  ASSERT_TRUE(EmailInvite("sarah", sarah_, "other@clinic.example").ok());
  ExpectSec11(EmailInvite("sarah", sarah_, "third@clinic.example"),
              "e-mail invites from one inviter");
  EXPECT_EQ(Invites(), invites + 1);
  EXPECT_EQ(Mails(), mails + 1);
  // LINK and QR invites send nothing and are not capped; mark still sends.
  CreateInviteResponse link = Invite(INVITE_CHANNEL_LINK);
  EXPECT_FALSE(link.link().empty());
  grpc::Status st = EmailInvite("mark", mark, "third@clinic.example");
  EXPECT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(Mails(), mails + 2);
}

}  // namespace
}  // namespace engage::testing
