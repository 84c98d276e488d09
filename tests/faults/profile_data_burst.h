#ifndef ENGAGE_TESTS_FAULTS_PROFILE_DATA_BURST_H_
#define ENGAGE_TESTS_FAULTS_PROFILE_DATA_BURST_H_

// The CAT-08 work the seeded fault scenarios interrupt: kHcps HCPs answer a
// category kRounds times each (RED, BLUE, RED, ...) through the gateways,
// each answer one profile-data event (CAT-06), delivered by both profile
// replicas' dispatchers to the company's engagement system: the HTTP
// receiver of the CAT-08 e2e tests, answering 200 after a pause, so a
// replica killed mid-burst is likely killed mid-request.
//
// What the mesh guarantees, and what ExpectDelivered checks: every event
// reaches the receiver (the distinct Idempotency-Keys received are exactly
// the events written: none lost, none made up), in order per profile; a
// delivery whose sender died before it recorded the answer is sent again
// with the same key (at least once over HTTP: a receiver that honours the
// key applies each event once), so deliveries exceed the events by at most
// one per replica killed mid-delivery.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/mysql/pool.h"
#include "common/time/id_generator.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "profile_svc/mysql_profile_store.h"
#include "tests/faults/replicated_mesh.h"
#include "tests/support/http_receiver.h"
#include "tests/support/test_env.h"

namespace engage::testing {

class ProfileDataBurst {
 public:
  static constexpr int kHcps = 10, kRounds = 6;
  // The receiver's pause before each answer.
  static constexpr absl::Duration kReceiverPause = absl::Milliseconds(20);

  ProfileDataBurst(ReplicatedMesh& mesh, mysql::Pool& pool, std::string tenant)
      : pool_(pool), tenant_(std::move(tenant)), channel_(mesh.ClientChannel()) {}

  // The category, the company's settings (INTERACT, send profile data), the
  // endpoint and the HCPs. After the company exists.
  void SetUp() {
    namespace pv1 = engage::profile::v1;
    auto stub = pv1::ProfileService::NewStub(channel_);
    pv1::CreateProfileCategoryRequest category;
    category.mutable_category()->set_code("COLOR");
    category.mutable_category()->set_description("Favourite colour");
    pv1::CreateProfileCategoryResponse made;
    grpc::Status st = stub->CreateProfileCategory(Admin().get(), category, &made);
    ASSERT_TRUE(st.ok()) << st.error_message();
    for (const char* code : {"RED", "BLUE"}) {
      pv1::CreateCategoryResponseRequest response;
      response.set_category_code("COLOR");
      response.mutable_response()->set_code(code);
      response.mutable_response()->set_description(code);
      pv1::CreateCategoryResponseResponse done;
      st = stub->CreateCategoryResponse(Admin().get(), response, &done);
      ASSERT_TRUE(st.ok()) << st.error_message();
    }
    pv1::UpdateCategorySettingsRequest settings;
    settings.set_sync_mode(pv1::ENGAGEMENT_SYNC_MODE_INTERACT);
    settings.set_send_profile_data(true);
    pv1::UpdateCategorySettingsResponse set;
    st = stub->UpdateCategorySettings(Admin().get(), settings, &set);
    ASSERT_TRUE(st.ok()) << st.error_message();
    receiver_.AnswerWith(200, kReceiverPause);
    pv1::UpdateEngagementEndpointRequest endpoint;
    endpoint.set_url(receiver_.Url());
    pv1::UpdateEngagementEndpointResponse endpoint_set;
    st = stub->UpdateEngagementEndpoint(Admin().get(), endpoint, &endpoint_set);
    ASSERT_TRUE(st.ok()) << st.error_message();
    profile::MysqlProfileStore profiles(pool_);
    for (int i = 0; i < kHcps; ++i) {
      const std::string n = std::to_string(i);
      auto hcp = profiles.SignUpHcp(
          tenant_, {"answering" + n, "answering" + n + "@clinic.example", "Answering", n},
          IdGenerator::Default().Next(), absl::Now());
      ASSERT_TRUE(hcp.ok()) << hcp.status();
      hcps_.push_back(hcp->profile_id);
    }
  }

  // The answers, round after round, from the calling thread. A call left
  // unanswered by a dying replica is made again (the answer saved once
  // more, maybe a second event: ExpectDelivered counts what was written).
  void Burst() {
    namespace pv1 = engage::profile::v1;
    auto stub = pv1::ProfileService::NewStub(channel_);
    for (int round = 0; round < kRounds; ++round) {
      for (const auto& hcp : hcps_) {
        pv1::SaveProfileAnswersRequest request;
        request.set_profile_id(hcp);
        auto* answer = request.add_answers();
        answer->set_category_code("COLOR");
        answer->set_response_code(round % 2 == 0 ? "RED" : "BLUE");
        pv1::SaveProfileAnswersResponse response;
        int attempts = 0;
        grpc::Status st = WhenReady([&] {
          ++attempts;
          return stub->SaveProfileAnswers(Admin().get(), request, &response);
        });
        ASSERT_TRUE(st.ok()) << st.error_message();
        answered_events_ += response.events_written();
        if (attempts > 1) ++repeated_;
        if (response.events_written() != 1) {
          std::cout << "FIGURES CAT-08: the answer " << round << " of " << hcp << " wrote "
                    << response.events_written() << " events after " << attempts << " attempts"
                    << std::endl;
        }
      }
    }
  }

  // (sent, written) events of the tenant.
  std::pair<int64_t, int64_t> Events() {
    auto rows = pool_.Query(
        "SELECT COALESCE(SUM(state = 1), 0), COUNT(*) FROM profile_data_outbox WHERE tenant_id = ?",
        {tenant_});
    if (!rows.ok() || rows->empty()) return {-1, -1};
    return {(*rows)[0].Int(0), (*rows)[0].Int(1)};
  }

  // Every event written is marked sent (within `limit`), then the receiver's
  // record against them. `killed`: replicas killed (kill -9) mid-burst.
  void ExpectDelivered(absl::Duration limit, int killed) {
    const absl::Time until = absl::Now() + limit;
    auto [sent, written] = Events();
    while ((sent != written || written < int64_t{kHcps}) && absl::Now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      std::tie(sent, written) = Events();
    }
    ASSERT_EQ(sent, written) << "profile-data events not all sent";
    // SEC-11 coalesces an answer's undelivered predecessors (at most the one in
    // flight and the latest wait), so fewer events than answers may be written;
    // what must hold is that each HCP's last answer reached the receiver.
    EXPECT_GE(written, int64_t{kHcps}) << "HCPs without an event";
    EXPECT_LE(written, int64_t{kHcps} * kRounds) << "more events than answers";
    auto rows = pool_.Query(
        "SELECT event_id, profile_id, position FROM profile_data_outbox WHERE tenant_id = ?",
        {tenant_});
    ASSERT_TRUE(rows.ok()) << rows.status();
    std::set<std::string> events;
    for (const auto& r : *rows) events.insert(r.String(0));
    const std::vector<HttpReceiver::Request> got = receiver_.Accepted();
    std::set<std::string> keys;
    std::map<std::string, int64_t> last_sequence;    // per profile, in first arrival order
    std::map<std::string, std::string> last_answer;  // per profile, of its highest sequence
    std::map<std::string, int64_t> highest;
    int out_of_order = 0;
    for (const auto& r : got) {
      if (!keys.insert(r.idempotency_key).second) continue;  // a resend
      EXPECT_EQ(r.json.count("event_id") ? r.json.at("event_id") : "", r.idempotency_key);
      int64_t sequence = 0;
      if (!r.json.count("sequence") || !absl::SimpleAtoi(r.json.at("sequence"), &sequence)) {
        ADD_FAILURE() << "no sequence in " << r.body;
        continue;
      }
      const std::string profile = r.json.count("profile_id") ? r.json.at("profile_id") : "";
      if (last_sequence.count(profile) && last_sequence[profile] > sequence) ++out_of_order;
      last_sequence[profile] = sequence;
      if (!highest.count(profile) || highest[profile] < sequence) {
        highest[profile] = sequence;
        last_answer[profile] = r.json.count("response_code") ? r.json.at("response_code") : "";
      }
    }
    const std::string final_answer = (kRounds - 1) % 2 == 0 ? "RED" : "BLUE";
    EXPECT_EQ(last_answer.size(), hcps_.size()) << "HCPs whose answers never arrived";
    for (const auto& [profile, answer] : last_answer) {
      EXPECT_EQ(answer, final_answer)
          << "the last event received for " << profile << " is not its last answer";
    }
    EXPECT_EQ(keys, events) << "the keys received are not the events written";
    EXPECT_EQ(out_of_order, 0) << "events of a profile received out of order";
    const int64_t resent = static_cast<int64_t>(got.size()) - static_cast<int64_t>(keys.size());
    EXPECT_LE(resent, killed) << "deliveries sent again beyond the one a killed replica left";
    std::cout << "FIGURES CAT-08: " << kHcps * kRounds << " answers (" << repeated_
              << " sent again after UNAVAILABLE) said they wrote " << answered_events_
              << " events; " << written << " events, " << keys.size() << " distinct keys received, "
              << got.size() << " deliveries (" << resent << " sent again after a kill)"
              << std::endl;
  }

 private:
  std::unique_ptr<grpc::ClientContext> Admin() const {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization",
                         "Bearer " + Token(engage::common::v1::ROLE_ADMIN, tenant_, "alice"));
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  mysql::Pool& pool_;
  const std::string tenant_;
  std::shared_ptr<grpc::Channel> channel_;
  HttpReceiver receiver_;
  std::vector<std::string> hcps_;
  int answered_events_ = 0;  // events_written of the answers' responses
  int repeated_ = 0;         // answers sent again after UNAVAILABLE
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_FAULTS_PROFILE_DATA_BURST_H_
