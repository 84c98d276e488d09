// CAT-08 through the gateway: an HCP answers a category, the company's
// engagement system (a real HTTP receiver) gets the event; the admin sets the
// endpoint, sees what is pending and what failed (and why), and retries.
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/auth/jwt.h"
#include "engage/profile/v1/audit.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/http_receiver.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using namespace engage::profile::v1;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_HCP;

class ProfileDataDeliveryE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Mesh::Options options;
    options.env["profile"] = {{"ENGAGE_ENGAGEMENT_ALLOW_LOOPBACK_HTTP", "true"},
                              {"ENGAGE_PROFILE_DATA_DISPATCH_INTERVAL_MS", "100"},
                              {"ENGAGE_PROFILE_DATA_RETRY_FIRST_MS", "100"},
                              {"ENGAGE_ENGAGEMENT_TIMEOUT_MS", "2000"},
                              {"ENGAGE_PROFILE_DATA_KEEP_SENT_HOURS", "1"}};
    mesh_ = new Mesh(options);
  }
  static void TearDownTestSuite() {
    delete mesh_;
    mesh_ = nullptr;
  }

  void SetUp() override {
    tenant_ = UniqueName("t");
    profiles_ = ProfileService::NewStub(mesh_->Channel());
    UpsertCompanyRequest company;
    company.set_name("Acme");
    UpsertCompanyResponse ignored;
    grpc::Status st = profiles_->UpsertCompany(Admin().get(), company, &ignored);
    ASSERT_TRUE(st.ok()) << st.error_code() << " " << st.error_message();
    CreateProfileCategoryRequest category;
    category.mutable_category()->set_code("COLOR");
    category.mutable_category()->set_description("Favourite colour");
    CreateProfileCategoryResponse made;
    ASSERT_TRUE(profiles_->CreateProfileCategory(Admin().get(), category, &made).ok());
    for (const char* code : {"RED", "BLUE"}) {
      CreateCategoryResponseRequest response;
      response.set_category_code("COLOR");
      response.mutable_response()->set_code(code);
      response.mutable_response()->set_description(code);
      CreateCategoryResponseResponse done;
      ASSERT_TRUE(profiles_->CreateCategoryResponse(Admin().get(), response, &done).ok());
    }
    UpdateCategorySettingsRequest settings;
    settings.set_sync_mode(ENGAGEMENT_SYNC_MODE_INTERACT);
    settings.set_send_profile_data(true);
    UpdateCategorySettingsResponse set;
    ASSERT_TRUE(profiles_->UpdateCategorySettings(Admin().get(), settings, &set).ok());
    auto token = auth::MintHs256(
        kTestSecret, auth::Identity("house", ROLE_HCP, tenant_, "house@clinic.example", true),
        absl::Now(), absl::Hours(1));
    ASSERT_TRUE(token.ok());
    hcp_token_ = *token;
    SignUpHcpRequest sign_up;
    sign_up.set_first_name("Greg");
    sign_up.set_last_name("House");
    SignUpHcpResponse signed_up;
    ASSERT_TRUE(profiles_->SignUpHcp(Mesh::Context(hcp_token_).get(), sign_up, &signed_up).ok());
    house_ = signed_up.profile_id();
  }

  std::unique_ptr<grpc::ClientContext> Admin(const std::string& tenant = "") {
    return Mesh::Context(ROLE_ADMIN, tenant.empty() ? tenant_ : tenant, "admin");
  }

  grpc::Status SetEndpoint(const std::string& url) {
    UpdateEngagementEndpointRequest request;
    request.set_url(url);
    UpdateEngagementEndpointResponse response;
    return profiles_->UpdateEngagementEndpoint(Admin().get(), request, &response);
  }

  // The HCP answers COLOR through the gateway (CAT-06 writes one event).
  void Answer(const std::string& colour) {
    SaveProfileAnswersRequest request;
    request.set_profile_id(house_);
    auto* answer = request.add_answers();
    answer->set_category_code("COLOR");
    answer->set_response_code(colour);
    SaveProfileAnswersResponse response;
    grpc::Status st =
        profiles_->SaveProfileAnswers(Mesh::Context(hcp_token_).get(), request, &response);
    ASSERT_TRUE(st.ok()) << st.error_message();
    ASSERT_EQ(response.events_written(), 1);
  }

  ListProfileDataEventsResponse List(std::vector<ProfileDataEventState> states = {},
                                     const std::string& tenant = "") {
    ListProfileDataEventsRequest request;
    for (auto s : states) request.add_states(s);
    ListProfileDataEventsResponse response;
    grpc::Status st = profiles_->ListProfileDataEvents(Admin(tenant).get(), request, &response);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return response;
  }

  // List() once `done` holds for it, or the last one after 10 s.
  template <typename Fn>
  ListProfileDataEventsResponse ListUntil(Fn done, std::vector<ProfileDataEventState> states = {}) {
    const absl::Time until = absl::Now() + absl::Seconds(10);
    ListProfileDataEventsResponse listed = List(states);
    while (!done(listed) && absl::Now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      listed = List(states);
    }
    return listed;
  }

  static inline Mesh* mesh_ = nullptr;
  std::string tenant_;
  std::string hcp_token_;
  std::string house_;
  std::unique_ptr<ProfileService::Stub> profiles_;
};

TEST_F(ProfileDataDeliveryE2e, CAT08_AnsweredCategoryReachesTheEngagementSystem) {
  HttpReceiver receiver;
  // Only an https URL outside the mesh's network, or loopback http by the test flag.
  for (const char* bad : {"http://ce.example.com/in", "https://10.0.0.7/in", "not a url",
                          "https://user:secret@ce.example.com/"}) {
    grpc::Status st = SetEndpoint(bad);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << bad;
    EXPECT_NE(st.error_message().find("url"), std::string::npos) << st.error_message();
  }
  ASSERT_TRUE(SetEndpoint(receiver.Url()).ok());
  GetEngagementEndpointResponse endpoint;
  ASSERT_TRUE(
      profiles_->GetEngagementEndpoint(Admin().get(), GetEngagementEndpointRequest(), &endpoint)
          .ok());
  EXPECT_EQ(endpoint.url(), receiver.Url());

  Answer("RED");
  auto got = receiver.WaitAccepted(1, absl::Seconds(10));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].json.at("profile_id"), house_);
  EXPECT_EQ(got[0].json.at("category_code"), "COLOR");
  EXPECT_EQ(got[0].json.at("response_code"), "RED");
  EXPECT_EQ(got[0].body.find("house@clinic.example"), std::string::npos);  // no personal data

  auto sent = ListUntil([](const ListProfileDataEventsResponse& l) { return l.events_size() == 1; },
                        {PROFILE_DATA_EVENT_STATE_SENT});
  ASSERT_EQ(sent.events_size(), 1);
  EXPECT_EQ(sent.events(0).event_id(), got[0].idempotency_key);
  EXPECT_EQ(sent.events(0).state(), PROFILE_DATA_EVENT_STATE_SENT);
  EXPECT_TRUE(sent.events(0).has_done_time());
  EXPECT_TRUE(sent.endpoint_configured());
  // Not delivered yet: none.
  EXPECT_EQ(List().events_size(), 0);
}

TEST_F(ProfileDataDeliveryE2e, CAT08_AdminSeesPendingAndFailedEventsAndRetriesOne) {
  // No endpoint yet: the event waits, and says why.
  Answer("RED");
  auto pending = ListUntil([](const ListProfileDataEventsResponse& l) {
    return l.events_size() == 1 && l.events(0).attempts() > 0;
  });
  ASSERT_EQ(pending.events_size(), 1);
  EXPECT_EQ(pending.events(0).state(), PROFILE_DATA_EVENT_STATE_PENDING);
  EXPECT_NE(pending.events(0).last_error().find("no engagement endpoint"), std::string::npos);
  EXPECT_FALSE(pending.endpoint_configured());
  EXPECT_EQ(pending.counts().pending(), 1);

  // The receiver refuses the content: FAILED with its reason, not retried by itself.
  HttpReceiver receiver;
  receiver.AnswerWith(400);
  ASSERT_TRUE(SetEndpoint(receiver.Url()).ok());
  auto failed = ListUntil([](const ListProfileDataEventsResponse& l) {
    return l.events_size() == 1 && l.events(0).state() == PROFILE_DATA_EVENT_STATE_FAILED;
  });
  ASSERT_EQ(failed.events_size(), 1);
  const ProfileDataEvent& event = failed.events(0);
  EXPECT_EQ(event.last_error(), "HTTP 400: refused: mode 400");
  EXPECT_EQ(event.profile_id(), house_);
  EXPECT_EQ(event.response_code(), "RED");
  EXPECT_EQ(failed.counts().failed(), 1);
  EXPECT_EQ(failed.counts().pending(), 0);
  EXPECT_TRUE(failed.endpoint_configured());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a few dispatcher runs
  EXPECT_EQ(receiver.Requests().size(), 1u);

  // Another company's admin neither sees nor retries it.
  const std::string other = UniqueName("t");
  EXPECT_EQ(List({}, other).events_size(), 0);
  RetryProfileDataEventRequest retry;
  retry.set_event_id(event.event_id());
  RetryProfileDataEventResponse retried;
  EXPECT_EQ(profiles_->RetryProfileDataEvent(Admin(other).get(), retry, &retried).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // The HCP cannot (admins only, SEC-01).
  EXPECT_EQ(profiles_->RetryProfileDataEvent(Mesh::Context(hcp_token_).get(), retry, &retried)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  // Fixed on the receiving side; the admin retries: delivered once.
  receiver.AnswerWith(200);
  grpc::Status st = profiles_->RetryProfileDataEvent(Admin().get(), retry, &retried);
  ASSERT_TRUE(st.ok()) << st.error_message();
  auto got = receiver.WaitAccepted(1, absl::Seconds(10));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].idempotency_key, event.event_id());
  auto done =
      ListUntil([](const ListProfileDataEventsResponse& l) { return l.events_size() == 0; });
  EXPECT_EQ(done.events_size(), 0);
  EXPECT_EQ(done.counts().failed(), 0);
  // Sent: nothing left to retry.
  EXPECT_EQ(profiles_->RetryProfileDataEvent(Admin().get(), retry, &retried).error_code(),
            grpc::StatusCode::NOT_FOUND);
  // A malformed id is named.
  retry.set_event_id("nope'; --");
  st = profiles_->RetryProfileDataEvent(Admin().get(), retry, &retried);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(st.error_message().find("event_id"), std::string::npos) << st.error_message();
}

TEST_F(ProfileDataDeliveryE2e, SEC12_AnEndpointChangeIsAuditedAndTheSameUrlAgainIsNone) {
  ASSERT_TRUE(SetEndpoint("http://127.0.0.1:9/a").ok());
  ASSERT_TRUE(SetEndpoint("http://127.0.0.1:9/a").ok());  // no change
  ASSERT_TRUE(SetEndpoint("http://127.0.0.1:9/b").ok());
  ASSERT_TRUE(SetEndpoint("").ok());
  // A refused URL changes nothing, so records nothing.
  EXPECT_EQ(SetEndpoint("ftp://x.example/").error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  // Written every 200 ms, the same act of one write folded into repeat_count.
  std::string seen;
  for (int i = 0; i < 50; ++i) {
    auto rows = mesh_->db().pool().Query(
        "SELECT object_type, object_id, actor_subject, method, CAST(SUM(repeat_count) AS SIGNED) "
        "FROM audit_events WHERE tenant_id = ? AND action = 'ENDPOINT_CHANGE' "
        "GROUP BY object_type, object_id, actor_subject, method",
        {tenant_});
    ASSERT_TRUE(rows.ok()) << rows.status();
    seen.clear();
    for (const auto& r : *rows) {
      absl::StrAppend(&seen, r.String(0), " ", r.String(1), " ", r.String(2), " ", r.String(3), " ",
                      r.Int(4), "\n");
    }
    if (absl::StrContains(seen, " 3\n")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(seen, absl::StrCat("COMPANY ", tenant_,
                               " admin /engage.profile.v1.ProfileService/UpdateEngagementEndpoint "
                               "3\n"));
  // The tenant's admins find them by the company's id, the tenant.
  auto audit = AuditService::NewStub(mesh_->Channel());
  ListAuditEventsRequest by_company;
  by_company.set_object_id(tenant_);
  ListAuditEventsResponse listed;
  grpc::Status st = audit->ListAuditEvents(Admin().get(), by_company, &listed);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_GE(listed.events_size(), 1);
  for (const auto& e : listed.events()) {
    EXPECT_EQ(e.action(), "ENDPOINT_CHANGE");
    EXPECT_EQ(e.object_id(), tenant_);
  }
}

// SEC-11 (attack review 5, finding 6): an HCP flipping an answer through the
// gateway leaves at most two undelivered events of the category, and the
// engagement system gets the first and the latest value; once sent longer
// ago than ENGAGE_PROFILE_DATA_KEEP_SENT_HOURS, the events are purged.
TEST_F(ProfileDataDeliveryE2e, SEC11_FlippedAnswersAreCoalescedAndSentOnesPurged) {
  for (int i = 0; i < 20; ++i) Answer(i % 2 == 0 ? "RED" : "BLUE");
  auto rows = mesh_->db().pool().Query(
      "SELECT response_code FROM profile_data_outbox WHERE tenant_id = ? AND profile_id = ? "
      "AND state = 0 ORDER BY position",
      {tenant_, house_});
  ASSERT_TRUE(rows.ok()) << rows.status();
  std::vector<std::string> waiting;
  for (const auto& r : *rows) waiting.push_back(r.String(0));
  EXPECT_EQ(waiting, (std::vector<std::string>{"RED", "BLUE"}));

  HttpReceiver receiver;
  ASSERT_TRUE(SetEndpoint(receiver.Url()).ok());
  auto got = receiver.WaitAccepted(2, absl::Seconds(10));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].json.at("response_code"), "RED");
  EXPECT_EQ(got[1].json.at("response_code"), "BLUE");
  auto sent = ListUntil([](const ListProfileDataEventsResponse& l) { return l.events_size() == 2; },
                        {PROFILE_DATA_EVENT_STATE_SENT});
  ASSERT_EQ(sent.events_size(), 2);

  // Sent two hours ago (a retention of one hour): the dispatcher's next runs purge them.
  ASSERT_TRUE(mesh_->db()
                  .pool()
                  .Execute("UPDATE profile_data_outbox SET sent_time = ? WHERE tenant_id = ? AND "
                           "event_id = ?",
                           {absl::Now() - absl::Hours(2), tenant_, sent.events(0).event_id()})
                  .ok());
  auto left = ListUntil([](const ListProfileDataEventsResponse& l) { return l.events_size() == 1; },
                        {PROFILE_DATA_EVENT_STATE_SENT});
  ASSERT_EQ(left.events_size(), 1);
  EXPECT_EQ(left.events(0).event_id(), sent.events(1).event_id());  // just sent: kept
}

}  // namespace
}  // namespace engage::testing
