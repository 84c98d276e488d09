// PRF-11 from the schema: after an HCP deletes their profile (through the
// gateway, with connection_svc's part confirmed and the next CRM sync run),
// no text or blob column of any table of the migrated schema holds any of
// the HCP's data, and the HCP's ids are left only where kKeptIds says why.
// Every table must be classified in personal_data_tables.txt, so a new table
// fails here until someone decides what a deletion does to it.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "tests/e2e/prf11_erasure/erasure_fixture.h"

namespace engage::testing {
namespace {

// Where the deleted HCP's ids (profile id, token subject, CRM account id) may
// stay, and why. Anything else holding one fails.
const std::map<std::string, std::string>& KeptIds() {
  static const auto* kept = new std::map<std::string, std::string>{
      {"profiles.profile_id", "the tombstone reads Deleted User (PRF-11)"},
      {"profiles.subject", "the identity cannot sign up again into a deleted profile"},
      {"hcp_details.profile_id", "the tombstone's row, every field cleared"},
      {"business_cards.profile_id", "the tombstone's composed card, Deleted User (PRF-13)"},
      {"business_cards.card", "the tombstone's composed card: its id and subject only (PRF-13)"},
      {"profile_feed.profile_id", "sign-up and removal feeds (e-mail cleared)"},
      {"account_links.profile_id", "SYN-06 reaches every org the profile was linked to"},
      {"account_links.account_id", "SYN-06 reaches every org the profile was linked to"},
      {"connections.hcp_profile_id", "deactivated, never deleted (CON-09, SYN-06)"},
      {"connection_changes.hcp_profile_id", "the change feed (CON-11)"},
      {"sync_connection_mirror.hcp_profile_id", "the sync's copy of the change feed"},
      {"removed_profiles.profile_id", "SEC-09: a removed profile connects no more"},
      {"interactions.hcp_profile_id", "what the HCP did while signed in; e-mail cleared"},
      {"invites.hcp_profile_id", "the invite the HCP accepted; recipient cleared"},
      {"invites.account_id", "the account the field user invited from (CON-05)"},
      {"crm_engage_profiles.external_id", "the CRM's Deleted User record (SYN-06)"},
      {"audit_events.object_id", "SEC-12: the audit trail keeps ids"},
      {"audit_events.actor_subject", "SEC-12: the audit trail keeps ids"},
      {"sync_log.external_id", "SYN-09 logs name records by id"},
      {"sync_record_failures.external_id", "SYN-10 retry state by id"},
  };
  return *kept;
}

struct Column {
  std::string table, name;
};

class ErasureSchema : public ErasureE2e {
 protected:
  std::vector<std::string> Tables() {
    auto rows = mesh_->db().pool().Query(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND "
        "TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
        {});
    EXPECT_TRUE(rows.ok()) << rows.status();
    std::vector<std::string> out;
    if (rows.ok()) {
      for (const auto& r : *rows) out.push_back(r.String(0));
    }
    return out;
  }

  // Every column that can hold text: strings, blobs, JSON, enums.
  std::vector<Column> TextColumns() {
    auto rows = mesh_->db().pool().Query(
        "SELECT c.TABLE_NAME, c.COLUMN_NAME FROM information_schema.COLUMNS c JOIN "
        "information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND "
        "t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = DATABASE() AND "
        "t.TABLE_TYPE = 'BASE TABLE' AND c.DATA_TYPE IN ('char', 'varchar', 'tinytext', "
        "'text', 'mediumtext', 'longtext', 'binary', 'varbinary', 'tinyblob', 'blob', "
        "'mediumblob', 'longblob', 'json', 'enum', 'set') "
        "ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION",
        {});
    EXPECT_TRUE(rows.ok()) << rows.status();
    std::vector<Column> out;
    if (rows.ok()) {
      for (const auto& r : *rows) out.push_back({r.String(0), r.String(1)});
    }
    return out;
  }

  // "table.column" of every column holding `needle`, compared without case.
  std::vector<std::string> Holding(const std::vector<Column>& columns, const std::string& needle) {
    std::vector<std::string> hits;
    for (const auto& c : columns) {
      const int64_t n = Count(absl::StrCat("SELECT COUNT(*) FROM `", c.table, "` WHERE LOCATE(?, ",
                                           "LOWER(CONVERT(`", c.name, "` USING utf8mb4))) > 0"),
                              {absl::AsciiStrToLower(needle)});
      if (n != 0) hits.push_back(absl::StrCat(c.table, ".", c.name));
    }
    return hits;
  }

  // The classification file: table -> "class reason".
  static std::map<std::string, std::string> Classified() {
    std::ifstream in(std::string(ENGAGE_SOURCE_DIR) +
                     "/tests/e2e/prf11_erasure/personal_data_tables.txt");
    EXPECT_TRUE(in.good()) << "personal_data_tables.txt missing";
    std::map<std::string, std::string> out;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream words(line);
      std::string table, kind, reason;
      words >> table >> kind;
      std::getline(words, reason);
      EXPECT_TRUE(kind == "hcp" || kind == "ids" || kind == "none") << line;
      EXPECT_FALSE(absl::StripAsciiWhitespace(reason).empty()) << "no reason: " << line;
      EXPECT_EQ(out.count(table), 0u) << "twice: " << table;
      out[table] = kind;
    }
    return out;
  }

  // An HCP holding a marker in every place the mesh keeps an HCP's data.
  std::string HcpWithEverything(const HcpMarkers& m) {
    const std::string hcp = SignUpWithEveryField(m);
    AnswerCategory(hcp, m.subject());
    // An e-mail invite from the HCP's CRM account, sent, and accepted: a
    // connection, an account link (CON-05), a sent e-mail with the name.
    CreateInviteResponse accepted = EmailInviteTo(m, sarah_, "sarah");
    EXPECT_TRUE(Eventually([&] { return MailsTo(m.email()) >= 1; }));
    AcceptInviteResponse acceptance;
    grpc::Status st = Accept(accepted.link(), hcp, m.subject(), &acceptance);
    EXPECT_TRUE(st.ok()) << st.error_message();
    // A second field user's invite whose e-mail is still queued (the SMTP
    // server is down) when the HCP is deleted.
    const std::string bob = FieldUser("bob", kSarahOrg, "Bob", "Smith");
    sink_->Stop();
    CreateInviteResponse queued = EmailInviteTo(m, bob, "bob");
    pending_invite_ = queued.invite().invite_id();
    // Meetings: one the HCP joined signed in, one known only by the e-mail
    // (not yet matched), and a CLM view the HCP reported.
    RecordMeetingAttendanceRequest meeting;
    meeting.set_meeting_id("m-" + m.u);
    meeting.set_host_profile_id(sarah_);
    meeting.add_attendees()->set_hcp_profile_id(hcp);
    RecordMeetingAttendanceResponse recorded;
    st = connections_->RecordMeetingAttendance(Ctx(ROLE_INTEGRATION, "meetings").get(), meeting,
                                               &recorded);
    EXPECT_TRUE(st.ok()) << st.error_message();
    RecordMeetingAttendanceRequest by_email;
    by_email.set_meeting_id("e-" + m.u);
    by_email.set_host_profile_id(bob);
    by_email.add_attendees()->set_email(m.email());
    st = connections_->RecordMeetingAttendance(Ctx(ROLE_INTEGRATION, "meetings").get(), by_email,
                                               &recorded);
    EXPECT_TRUE(st.ok()) << st.error_message();
    RecordRemoteClmViewRequest view;
    view.set_host_profile_id(sarah_);
    view.mutable_viewer()->set_hcp_profile_id(hcp);
    view.set_presentation_id("p-" + m.u);
    RecordRemoteClmViewResponse viewed;
    st = connections_->RecordRemoteClmView(Ctx(ROLE_HCP, m.subject()).get(), view, &viewed);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return hcp;
  }

  // The CRM sync of sarah's org, run now and waited for (SYN-04, SYN-06).
  void SyncSarahsOrg() {
    if (!integration_user_set_) {
      auto crm = prf::CrmOrgService::NewStub(mesh_->Channel());
      prf::ProvisionCrmIntegrationUserRequest provision;
      provision.set_org_id(kSarahOrg);
      provision.set_username("integration@acme");
      provision.set_password("s3cret");
      provision.set_active(true);
      prf::ProvisionCrmIntegrationUserResponse provisioned;
      grpc::Status st =
          crm->ProvisionCrmIntegrationUser(Ctx(ROLE_ADMIN, "admin").get(), provision, &provisioned);
      ASSERT_TRUE(st.ok()) << st.error_message();
      auto sync = prf::CrmSyncService::NewStub(mesh_->Channel());
      prf::SetIntegrationUserRequest user;
      user.set_org_id(kSarahOrg);
      user.set_username("integration@acme");
      user.set_password("s3cret");
      prf::SetIntegrationUserResponse set;
      st = sync->SetIntegrationUser(Ctx(ROLE_ADMIN, "admin").get(), user, &set);
      ASSERT_TRUE(st.ok()) << st.error_message();
      integration_user_set_ = true;
    }
    // SYN-07: runs start at least an hour apart; time alone would let this
    // one run, so the earlier runs move an hour back instead of waiting.
    auto moved = mesh_->db().pool().Execute(
        "UPDATE sync_runs SET start_time = start_time - INTERVAL 2 HOUR WHERE tenant_id = ?",
        {tenant_});
    ASSERT_TRUE(moved.ok()) << moved.status();
    auto sync = prf::CrmSyncService::NewStub(mesh_->Channel());
    prf::StartSyncRequest start;
    start.set_org_id(kSarahOrg);
    prf::StartSyncResponse started;
    grpc::Status st = sync->StartSync(Ctx(ROLE_ADMIN, "admin").get(), start, &started);
    ASSERT_TRUE(st.ok()) << st.error_message();
    prf::SyncJob job;
    ASSERT_TRUE(Eventually([&] {
      prf::GetSyncJobRequest get;
      get.set_org_id(kSarahOrg);
      get.set_job_id(started.job().job_id());
      prf::GetSyncJobResponse got;
      (void)sync->GetSyncJob(Ctx(ROLE_ADMIN, "admin").get(), get, &got);
      job = got.job();
      return job.status() != prf::SYNC_STATUS_RUNNING && job.status() != prf::SYNC_STATUS_QUEUED &&
             job.status() != prf::SYNC_STATUS_UNSPECIFIED;
    }));
    EXPECT_EQ(job.status(), prf::SYNC_STATUS_SUCCESS) << job.ShortDebugString();
  }

  bool integration_user_set_ = false;
  std::string pending_invite_;
};

TEST_F(ErasureSchema, PRF11_EveryTableIsClassified) {
  const auto classified = Classified();
  std::set<std::string> unlisted;
  for (const auto& table : Tables()) {
    if (classified.count(table) == 0) unlisted.insert(table);
  }
  EXPECT_TRUE(unlisted.empty())
      << "tables missing from tests/e2e/prf11_erasure/personal_data_tables.txt (say what a "
         "PRF-11 deletion does to them): "
      << absl::StrJoin(unlisted, ", ");
  const auto tables = Tables();
  const std::set<std::string> existing(tables.begin(), tables.end());
  for (const auto& [table, kind] : classified) {
    EXPECT_EQ(existing.count(table), 1u) << "classified but not in the schema: " << table;
  }
  // Every kept id names a real column.
  std::set<std::string> columns;
  for (const auto& c : TextColumns()) columns.insert(c.table + "." + c.name);
  for (const auto& [column, reason] : KeptIds()) {
    EXPECT_EQ(columns.count(column), 1u) << "kKeptIds names no text column: " << column;
  }
}

TEST_F(ErasureSchema, PRF11_NoDatumOfADeletedHcpIsLeftAnywhere) {
  const HcpMarkers m(UniqueName(""));
  const std::string hcp = HcpWithEverything(m);
  ASSERT_FALSE(HasFailure());
  SyncSarahsOrg();
  const std::vector<Column> columns = TextColumns();
  ASSERT_GT(columns.size(), 100u);
  // The scan can fail: before the deletion every datum is found somewhere.
  for (const auto& datum : m.Data()) {
    EXPECT_FALSE(Holding(columns, datum).empty()) << datum << " was never stored";
  }
  ASSERT_FALSE(Holding(columns, hcp).empty());

  ASSERT_TRUE(Delete(hcp, ROLE_HCP, m.subject()).ok());
  // connection_svc confirmed its part; the removal reached connection_svc
  // (connections deactivated) and the next CRM sync (SYN-06).
  ASSERT_TRUE(Eventually([&] { return PendingErasures(hcp) == 0; }));
  RunJob();
  SyncSarahsOrg();
  // The queued e-mail is never sent, even with the SMTP server back.
  const size_t sent_before = MailsTo(m.email());
  ASSERT_TRUE(sink_->Start());
  std::this_thread::sleep_for(std::chrono::milliseconds(800));  // > 2 retry intervals
  EXPECT_EQ(MailsTo(m.email()), sent_before);

  for (const auto& datum : m.Data()) {
    const auto hits = Holding(columns, datum);
    EXPECT_TRUE(hits.empty()) << "PRF-11: " << datum << " still in " << absl::StrJoin(hits, ", ");
  }
  for (const std::string& id : {hcp, m.subject(), m.account()}) {
    for (const auto& hit : Holding(columns, id)) {
      EXPECT_EQ(KeptIds().count(hit), 1u)
          << "PRF-11: id " << id << " kept in " << hit << " with no reason in kKeptIds";
    }
  }
}

}  // namespace
}  // namespace engage::testing
