// SEC-11: an outbox dispatcher reaches every tenant with pending work; one
// tenant's failure never stops the others (promomats_svc's deliveries, invite
// e-mails and profile-data events all run on it).
#include <gtest/gtest.h>

#include <map>

#include "common/outbox/dispatcher.h"
#include "tests/unit/common/outbox/quiet_store.h"

namespace engage::outbox {
namespace {

class FakeStore final : public QuietStore {
 public:
  const std::string& name() const override { return name_; }
  absl::StatusOr<std::vector<std::string>> TenantsWithPending() override {
    return std::vector<std::string>{"broken", "healthy", "also-healthy"};
  }
  absl::StatusOr<std::vector<std::string>> Due(const std::string& tenant, absl::Time,
                                               int) override {
    if (tenant == "broken") return absl::UnavailableError("lock wait timeout");
    if (delivered[tenant] > 0) return std::vector<std::string>{};
    return std::vector<std::string>{"message-1"};
  }
  void Delivered(const std::string& tenant) override { ++delivered[tenant]; }
  std::map<std::string, int> delivered;

 private:
  std::string name_ = "fake_outbox";
};

TEST(SEC11_DispatcherFairness, OneTenantsFailureNeverStopsTheOthers) {
  FakeStore store;
  FakeClock clock(absl::FromUnixSeconds(1800000000));
  Dispatcher dispatcher(
      store, [](const Message&) { return Outcome::Sent(); }, clock);
  auto result = dispatcher.RunAll();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->tenants_failed, 1);
  EXPECT_EQ(result->delivered, 2);
  EXPECT_EQ(store.delivered["healthy"], 1);
  EXPECT_EQ(store.delivered["also-healthy"], 1);
}

}  // namespace
}  // namespace engage::outbox
