// CAT-08: what the outbox's deliver function makes of an event and of the
// engagement system's answer, with fakes for the endpoint and the system.
#include "profile_svc/profile_data_delivery.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

namespace engage::profile {
namespace {

class FakeEndpoints final : public EngagementEndpointStore {
 public:
  absl::StatusOr<std::string> Get(const std::string& tenant) override {
    if (!error.ok()) return error;
    auto it = urls.find(tenant);
    return it == urls.end() ? std::string() : it->second;
  }
  absl::StatusOr<bool> Set(const std::string& tenant, const std::string& url, absl::Time) override {
    const bool changed = urls[tenant] != url;
    urls[tenant] = url;
    return changed;
  }
  std::map<std::string, std::string> urls;
  absl::Status error;
};

class FakeSystem final : public EngagementSystem {
 public:
  EngagementAnswer Deliver(const std::string& url, const ProfileDataPayload& event) override {
    calls.push_back({url, event});
    return answer;
  }
  struct Call {
    std::string url;
    ProfileDataPayload event;
  };
  std::vector<Call> calls;
  EngagementAnswer answer{DeliveryVerdict::kDelivered, ""};
};

outbox::Message Event(const std::string& tenant) {
  outbox::Message m;
  m.tenant = tenant;
  m.id = "E1";
  m.key = "P1";
  m.position = 7;
  m.create_time = absl::FromUnixSeconds(1800000000);
  m.payload = {"COLOR", "RED"};
  return m;
}

TEST(ProfileDataDelivery, CAT08_EventGoesToItsTenantsEndpointWithItsFields) {
  FakeEndpoints endpoints;
  endpoints.urls = {{"acme", "https://ce.acme.example/in"}, {"other", "https://ce.other.example/"}};
  FakeSystem system;
  auto outcome = DeliverProfileData(endpoints, system)(Event("acme"));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->kind, outbox::Outcome::Kind::kSent);
  ASSERT_EQ(system.calls.size(), 1u);
  EXPECT_EQ(system.calls[0].url, "https://ce.acme.example/in");
  const ProfileDataPayload& e = system.calls[0].event;
  EXPECT_EQ(e.event_id, "E1");
  EXPECT_EQ(e.profile_id, "P1");
  EXPECT_EQ(e.category_code, "COLOR");
  EXPECT_EQ(e.response_code, "RED");
  EXPECT_EQ(e.sequence, 7);
  EXPECT_EQ(e.occurred_at, absl::FromUnixSeconds(1800000000));
}

TEST(ProfileDataDelivery, CAT08_NoEndpointKeepsTheEventPendingAndSaysWhy) {
  FakeEndpoints endpoints;
  endpoints.urls = {{"other", "https://ce.other.example/"}};
  FakeSystem system;
  auto outcome = DeliverProfileData(endpoints, system)(Event("acme"));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->kind, outbox::Outcome::Kind::kRetry);
  EXPECT_EQ(outcome->error, kNoEngagementEndpoint);
  EXPECT_TRUE(system.calls.empty());  // never another tenant's endpoint
}

TEST(ProfileDataDelivery, CAT08_RefusedFailsForGoodOtherFailuresAreRetried) {
  FakeEndpoints endpoints;
  endpoints.urls = {{"acme", "https://ce.acme.example/in"}};
  FakeSystem system;
  system.answer = {DeliveryVerdict::kRefused, "HTTP 400: unknown category"};
  auto refused = DeliverProfileData(endpoints, system)(Event("acme"));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->kind, outbox::Outcome::Kind::kRefused);
  EXPECT_EQ(refused->error, "HTTP 400: unknown category");
  system.answer = {DeliveryVerdict::kRetry, "HTTP 503"};
  auto retried = DeliverProfileData(endpoints, system)(Event("acme"));
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->kind, outbox::Outcome::Kind::kRetry);
  EXPECT_EQ(retried->error, "HTTP 503");
}

TEST(ProfileDataDelivery, CAT08_EndpointLookupErrorRecordsNothing) {
  FakeEndpoints endpoints;
  endpoints.error = absl::UnavailableError("database down");
  FakeSystem system;
  auto outcome = DeliverProfileData(endpoints, system)(Event("acme"));
  EXPECT_EQ(outcome.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(system.calls.empty());
}

}  // namespace
}  // namespace engage::profile
