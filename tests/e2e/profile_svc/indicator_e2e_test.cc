// The Engage profile indicator of an account through the gateway (PRF-09):
// every linked profile with its connection status to the field user looking,
// in one call, which asks connection_svc once for the whole account.
#include <gtest/gtest.h>

#include <regex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "tests/e2e/connection_svc/connection_e2e_fixture.h"
#include "tests/support/http_get.h"

namespace engage::testing {
namespace {

// Another CRM org of the company than sarah's (kSarahOrg).
constexpr char kOtherOrg[] = "00D000000000001AAA";

class IndicatorE2e : public ConnectionE2e {
 protected:
  static void SetUpTestSuite() {
    Mesh::Options options;
    options.env["gateway"] = {{"ENGAGE_RATE_LIMIT_PER_SECOND", "100000"},
                              {"ENGAGE_RATE_LIMIT_BURST", "100000"}};
    options.env["connection"] = {{"ENGAGE_POST_PROCESSING_INTERVAL_SECONDS", "86400"},
                                 {"ENGAGE_METRICS_PORT", absl::StrCat(metrics_port_)}};
    mesh_ = new Mesh(options);
  }

  void SetUp() override {
    ConnectionE2e::SetUp();
    prf::CreateOrgRequest org;
    org.mutable_org()->set_org_id(kOtherOrg);
    org.mutable_org()->set_type(prf::ORG_TYPE_PRODUCTION);
    org.mutable_org()->set_domain("acme.example.com");
    prf::CreateOrgResponse created;
    ASSERT_TRUE(profiles_->CreateOrg(Ctx(ROLE_ADMIN, "admin").get(), org, &created).ok());
    dr_b_ = Hcp("dr-b", "b@clinic.example");
    dr_c_ = Hcp("dr-c", "c@clinic.example");
    for (const auto& hcp : {dr_a_, dr_b_, dr_c_}) Link(hcp, kSarahOrg, "ACC1");
    Link(dr_a_, kOtherOrg, "ACC-EU-7");
  }

  void Link(const std::string& hcp, const std::string& org, const std::string& account) {
    prf::LinkAccountRequest link;
    link.set_profile_id(hcp);
    link.set_org_id(org);
    link.set_account_id(account);
    prf::LinkAccountResponse linked;
    grpc::Status st = profiles_->LinkAccount(Ctx(ROLE_ADMIN, "admin").get(), link, &linked);
    ASSERT_TRUE(st.ok()) << st.error_message();
  }

  grpc::Status Indicator(engage::common::v1::Role role, const std::string& subject,
                         const std::string& viewer, std::map<std::string, int>* statuses,
                         const std::string& org = kSarahOrg, const std::string& account = "ACC1") {
    prf::GetAccountIndicatorRequest request;
    request.set_org_id(org);
    request.set_account_id(account);
    request.set_field_user_profile_id(viewer);
    prf::GetAccountIndicatorResponse response;
    grpc::Status st = profiles_->GetAccountIndicator(Ctx(role, subject).get(), request, &response);
    statuses->clear();
    for (const auto& p : response.profiles()) (*statuses)[p.profile_id()] = p.connection_status();
    return st;
  }

  // How many GetActiveConnections calls connection_svc has served so far.
  static int ActiveConnectionCalls() {
    const std::string metrics = HttpGet(metrics_port_, "/metrics");
    std::smatch m;
    static const std::regex kLine(
        "grpc_server_started_total\\{grpc_type=\"unary\",grpc_service=\"engage\\.connection\\.v1\\."
        "ConnectionInternalService\",grpc_method=\"GetActiveConnections\"\\} ([0-9]+)");
    return std::regex_search(metrics, m, kLine) ? std::stoi(m[1]) : 0;
  }

  static inline const int metrics_port_ = FreePort();
  std::string dr_b_, dr_c_;
};

TEST_F(IndicatorE2e, PRF09_EachLinkedProfileShowsItsConnectionToTheFieldUserLooking) {
  AcceptInviteResponse accepted;
  grpc::Status st = Accept(Invite(INVITE_CHANNEL_LINK).link(), dr_a_, "dr-a", &accepted);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const std::string tom = FieldUser("tom", kSarahOrg);

  std::map<std::string, int> seen;
  ASSERT_TRUE(Indicator(ROLE_FIELD_USER, "sarah", "", &seen).ok());
  EXPECT_EQ(seen,
            (std::map<std::string, int>{{dr_a_, prf::INDICATOR_CONNECTION_STATUS_CONNECTED},
                                        {dr_b_, prf::INDICATOR_CONNECTION_STATUS_NOT_CONNECTED},
                                        {dr_c_, prf::INDICATOR_CONNECTION_STATUS_NOT_CONNECTED}}));
  ASSERT_TRUE(Indicator(ROLE_FIELD_USER, "tom", tom, &seen).ok());
  EXPECT_EQ(seen[dr_a_], prf::INDICATOR_CONNECTION_STATUS_NOT_CONNECTED);

  // An admin sees a named field user's view, or none.
  ASSERT_TRUE(Indicator(ROLE_ADMIN, "admin", sarah_, &seen).ok());
  EXPECT_EQ(seen[dr_a_], prf::INDICATOR_CONNECTION_STATUS_CONNECTED);
  EXPECT_EQ(seen[dr_b_], prf::INDICATOR_CONNECTION_STATUS_NOT_CONNECTED);
  ASSERT_TRUE(Indicator(ROLE_ADMIN, "admin", "", &seen).ok());
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[dr_a_], prf::INDICATOR_CONNECTION_STATUS_UNSPECIFIED);

  // A disconnect shows on the next read.
  DisconnectRequest disconnect;
  disconnect.set_connection_id(accepted.connection().connection_id());
  DisconnectResponse done;
  ASSERT_TRUE(
      connections_->Disconnect(Ctx(ROLE_FIELD_USER, "sarah").get(), disconnect, &done).ok());
  ASSERT_TRUE(Indicator(ROLE_FIELD_USER, "sarah", "", &seen).ok());
  EXPECT_EQ(seen[dr_a_], prf::INDICATOR_CONNECTION_STATUS_NOT_CONNECTED);
}

TEST_F(IndicatorE2e, PRF09_OneReadOfThreeProfilesAsksConnectionSvcOnce) {
  std::map<std::string, int> seen;
  ASSERT_TRUE(Indicator(ROLE_FIELD_USER, "sarah", "", &seen).ok());  // warm
  const int before = ActiveConnectionCalls();
  ASSERT_TRUE(Indicator(ROLE_FIELD_USER, "sarah", "", &seen).ok());
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(ActiveConnectionCalls() - before, 1);
  // Without a viewer (an admin's plain read) it asks nothing.
  ASSERT_TRUE(Indicator(ROLE_ADMIN, "admin", "", &seen).ok());
  EXPECT_EQ(ActiveConnectionCalls() - before, 1);
}

TEST_F(IndicatorE2e, PRF09_AnotherFieldUsersViewAndViewersThatAreNoFieldUserAreRefused) {
  const std::string tom = FieldUser("tom");
  std::map<std::string, int> seen;
  grpc::Status st = Indicator(ROLE_FIELD_USER, "sarah", tom, &seen);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(st.error_message().find("PRF-09"), std::string::npos) << st.error_message();
  EXPECT_TRUE(seen.empty());

  st = Indicator(ROLE_ADMIN, "admin", dr_a_, &seen);  // an HCP is no viewer
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("field_user_profile_id"), std::string::npos)
      << st.error_message();
  st = Indicator(ROLE_ADMIN, "admin", "01ARZ3NDEKTSV4RRFFQ69G5FAV", &seen);  // no such profile
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  st = Indicator(ROLE_ADMIN, "admin", "x' OR 1=1", &seen);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("field_user_profile_id"), std::string::npos)
      << st.error_message();
  st = Indicator(ROLE_HCP, "dr-a", "", &seen);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

// Attack review 6, finding 7: the indicator is what the CRM shows on an account
// of the org (PRF-09), and a field user works in their own org (SEC-08's
// boundary): another org's accounts look missing, word for word as an org
// that does not exist.
TEST_F(IndicatorE2e, PRF09_SEC08_AFieldUserSeesTheIndicatorOfTheirOwnOrgOnly) {
  std::map<std::string, int> seen;
  const grpc::Status other = Indicator(ROLE_FIELD_USER, "sarah", "", &seen, kOtherOrg, "ACC-EU-7");
  EXPECT_EQ(other.error_code(), grpc::StatusCode::NOT_FOUND) << other.error_message();
  EXPECT_TRUE(seen.empty());
  // A made-up org id of the same length: the answer differs by the id only.
  constexpr char kNoOrg[] = "00D00000000000NONE";
  const grpc::Status missing = Indicator(ROLE_FIELD_USER, "sarah", "", &seen, kNoOrg, "ACC-EU-7");
  auto as_other = [&](const std::string& text) {
    return absl::StrReplaceAll(text, {{kNoOrg, kOtherOrg}});
  };
  EXPECT_EQ(other.error_code(), missing.error_code());
  EXPECT_EQ(other.error_message(), as_other(missing.error_message()));
  EXPECT_EQ(other.error_details(), as_other(missing.error_details()));
  // A field user in no org has no org's accounts at all.
  FieldUser("tom");
  EXPECT_EQ(Indicator(ROLE_FIELD_USER, "tom", "", &seen).error_code(), grpc::StatusCode::NOT_FOUND);
  // Their own org's account is read; an admin reads every org's.
  ASSERT_TRUE(Indicator(ROLE_FIELD_USER, "sarah", "", &seen).ok());
  EXPECT_EQ(seen.size(), 3u);
  grpc::Status st = Indicator(ROLE_ADMIN, "admin", "", &seen, kOtherOrg, "ACC-EU-7");
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen.count(dr_a_), 1u);
  st = Indicator(ROLE_ADMIN, "admin", sarah_, &seen, kOtherOrg, "ACC-EU-7");
  ASSERT_TRUE(st.ok()) << st.error_message();
}

}  // namespace
}  // namespace engage::testing
