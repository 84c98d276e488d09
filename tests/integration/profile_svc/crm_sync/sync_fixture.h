#ifndef ENGAGE_TESTS_INTEGRATION_PROFILE_SVC_CRM_SYNC_SYNC_FIXTURE_H_
#define ENGAGE_TESTS_INTEGRATION_PROFILE_SVC_CRM_SYNC_SYNC_FIXTURE_H_

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/client/service_client.h"
#include "common/crypto/secret_box.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "connection_svc/mysql_connection_store.h"
#include "profile_svc/crm_sync/grpc_connection_feed.h"
#include "profile_svc/crm_sync/integration_secret.h"
#include "profile_svc/crm_sync/mysql_crm_store.h"
#include "profile_svc/crm_sync/mysql_sync_store.h"
#include "profile_svc/crm_sync/sync_runner.h"
#include "profile_svc/mysql_account_store.h"
#include "profile_svc/mysql_profile_store.h"
#include "profile_svc/rules/business_card.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace engage::profile::sync {

// A fresh database with a company, two CRM orgs (A with a working integration
// user, B without), the real connection_svc running over it (the sync reads
// its change feed by RPC), and the sync runner on a fake clock. Profiles and
// connections are made with the services' own stores.
class SyncTest : public ::testing::Test {
 protected:
  static constexpr char kOrgA[] = "00DA00000000000AAA";
  static constexpr char kOrgB[] = "00DB00000000000BBB";
  // SEC-10: base64 of 32 bytes, the test deployment's secret key.
  static constexpr char kSecretKey[] = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  SyncTest()
      : clock_(absl::FromUnixSeconds(1780000000)),
        ids_(clock_,
             [] {
               static uint64_t n = 0x9E3779B97F4A7C15ULL;
               n = n * 6364136223846793005ULL + 1442695040888963407ULL;
               return n;
             }),
        profiles_(db_.pool()),
        accounts_(db_.pool()),
        connections_(db_.pool()),
        store_(db_.pool()),
        crm_(db_.pool()),
        secrets_(*crypto::SecretBox::FromBase64Keys(kSecretKey, "")) {
    const int port = testing::FreePort();
    const mysql::DbConfig db = db_.config();
    connection_svc_ = std::make_unique<testing::Process>(
        "engage-connection",
        std::map<std::string, std::string>{{"ENGAGE_GRPC_HOST", "127.0.0.1"},
                                           {"ENGAGE_GRPC_PORT", std::to_string(port)},
                                           {"ENGAGE_METRICS_PORT", "-1"},
                                           {"ENGAGE_JWT_HS256_SECRET", testing::kTestSecret},
                                           {"ENGAGE_DB_HOST", db.host},
                                           {"ENGAGE_DB_PORT", std::to_string(db.port)},
                                           {"ENGAGE_DB_NAME", db.name},
                                           {"ENGAGE_DB_USER", db.user},
                                           {"ENGAGE_DB_PASSWORD", db.password}});
    const std::string address = absl::StrCat("127.0.0.1:", port);
    connection_ready_ = testing::WaitServing(address, "", absl::Seconds(30));
    auto tokens = std::make_shared<client::ServiceTokenSource>("", testing::kTestSecret, "profile",
                                                               SystemClock::Get());
    feed_ = std::make_unique<GrpcConnectionFeed>(
        std::make_unique<client::ServiceClient>("dns:///" + address, tokens));
    runner_ = std::make_unique<SyncRunner>(store_, crm_, *feed_, clock_, ids_, secrets_,
                                           /*batch_size=*/7);
  }

  void SetUp() override {
    ASSERT_TRUE(connection_ready_) << connection_svc_->Output();
    ASSERT_TRUE(profiles_.UpsertCompany(tenant_, "Verteo BioPharma", clock_.Now()).ok());
    for (const char* org : {kOrgA, kOrgB}) {
      ASSERT_TRUE(
          accounts_
              .CreateOrg(tenant_, {org, OrgType::kProduction, "verteo.example.com"}, clock_.Now())
              .ok());
    }
    ConfigureIntegrationUser(kOrgA, "integration@verteo", "s3cret", "s3cret");
  }

  void ConfigureIntegrationUser(const std::string& org, const std::string& user,
                                const std::string& engage_password,
                                const std::string& crm_password) {
    auto sealed = SealIntegrationPassword(secrets_, tenant_, org, engage_password);
    ASSERT_TRUE(sealed.ok()) << sealed.status();
    ASSERT_TRUE(store_.SetIntegrationUser(tenant_, org, user, *sealed, clock_.Now()).ok());
    ASSERT_TRUE(crm_.ProvisionIntegrationUser(tenant_, org, user, crm_password, true).ok());
  }

  // A field user of `org` (CRM user); returns their staff profile id.
  std::string Staff(const std::string& subject, const std::string& org = kOrgA) {
    NewFieldUser u{
        "req-" + subject,     subject, "Sarah",        "Jones", subject + "@verteo.example", "US",
        UserType::kFieldUser, org,     "fp-" + subject};
    auto r = profiles_.CreateFieldUser(tenant_, u, ids_.Next(), ids_.Next(), clock_.Now());
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->profile_id : "";
  }

  std::string Hcp(const std::string& subject) {
    auto r =
        profiles_.SignUpHcp(tenant_, {subject, subject + "@hcp.example", "Clinton", "Ackerman"},
                            ids_.Next(), clock_.Now());
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->profile_id : "";
  }

  std::string Connect(const std::string& staff, const std::string& hcp) {
    // The HCP accepting an invite, now (SEC-05).
    auto r = connections_.Connect(tenant_, staff, hcp, connection::Origin::kInvite,
                                  {engage::common::v1::ROLE_HCP, clock_.Now()}, ids_.Next(),
                                  clock_.Now());
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->connection.connection_id : "";
  }

  void Disconnect(const std::string& connection_id) {
    ASSERT_TRUE(
        connections_
            .Disconnect(tenant_, connection_id, connection::EndedBy::kFieldUser, clock_.Now())
            .ok());
  }

  void SetTitle(const std::string& profile_id, const std::string& title) {
    ProfileFields fields;
    fields.title = title;
    Edit(profile_id, "title", fields);
  }

  void SetPhoto(const std::string& profile_id, const std::string& url) {
    ProfileFields fields;
    fields.photo_url = url;
    Edit(profile_id, "photo_url", fields);
  }

  // Changes the field `path` of a profile to its value in `fields`, as its owner would.
  void Edit(const std::string& profile_id, const std::string& path, const ProfileFields& fields) {
    auto card = profiles_.GetCardSource(tenant_, profile_id);
    ASSERT_TRUE(card.ok()) << card.status();
    ProfileEdit edit;
    edit.paths = {path};
    edit.fields = fields;
    edit.etag = EtagOf(card->version);
    ASSERT_TRUE(profiles_
                    .UpdateProfile(
                        tenant_, profile_id, edit,
                        [](const EditTarget&) { return absl::OkStatus(); }, clock_.Now())
                    .ok());
  }

  // The success log (or the error log) of a run.
  std::vector<LogRow> Log(const Job& run, bool errors) {
    std::vector<LogRow> out;
    EXPECT_TRUE(store_
                    .ReadLog(tenant_, run.run_id, errors,
                             [&](const LogRow& r) {
                               out.push_back(r);
                               return true;
                             })
                    .ok());
    return out;
  }

  // Runs a sync of `org` to its end, an hour after the previous one.
  Job Sync(const std::string& org = kOrgA, bool full = false) {
    clock_.Advance(absl::Minutes(61));
    auto run = runner_->RunToEnd(tenant_, org, Trigger::kAdmin, full);
    EXPECT_TRUE(run.ok()) << run.status();
    return run.ok() ? *run : Job{};
  }

  std::map<std::string, CrmStore::StoredProfile> CrmProfiles(const std::string& org = kOrgA) {
    std::map<std::string, CrmStore::StoredProfile> out;
    auto rows = crm_.ListProfiles(tenant_, org, "", 100000);
    EXPECT_TRUE(rows.ok());
    for (auto& p : *rows) out[p.record.external_id] = p;
    return out;
  }

  std::map<std::string, ConnectionRecord> CrmConnections(const std::string& org = kOrgA) {
    std::map<std::string, ConnectionRecord> out;
    auto rows = crm_.ListConnections(tenant_, org, "", 100000);
    EXPECT_TRUE(rows.ok());
    for (auto& c : *rows) out[c.external_id] = c;
    return out;
  }

  testing::TestDatabase db_;
  FakeClock clock_;
  IdGenerator ids_;
  MysqlProfileStore profiles_;
  MysqlAccountStore accounts_;
  connection::MysqlConnectionStore connections_;
  MysqlSyncStore store_;
  MysqlCrmStore crm_;
  crypto::SecretBox secrets_;
  std::unique_ptr<testing::Process> connection_svc_;
  bool connection_ready_ = false;
  std::unique_ptr<GrpcConnectionFeed> feed_;
  std::unique_ptr<SyncRunner> runner_;
  const std::string tenant_ = "verteo";
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_TESTS_INTEGRATION_PROFILE_SVC_CRM_SYNC_SYNC_FIXTURE_H_
