// SEC-11: the dispatcher reaches every tenant with pending work; one tenant's
// failure never stops the others.
#include <gtest/gtest.h>

#include <map>

#include "promomats_svc/dispatcher.h"

namespace engage::promomats {
namespace {

class FakeOutbox final : public OutboxStore {
 public:
  absl::StatusOr<std::vector<std::string>> TenantsWithPending() override {
    return std::vector<std::string>{"broken", "healthy", "also-healthy"};
  }
  absl::StatusOr<std::vector<DeliveryKey>> Due(const std::string& tenant, absl::Time,
                                               int) override {
    if (tenant == "broken") return absl::UnavailableError("lock wait timeout");
    if (delivered[tenant] > 0) return std::vector<DeliveryKey>{};
    return std::vector<DeliveryKey>{{"change-1", "vault-1"}};
  }
  absl::StatusOr<Processed> Process(
      const std::string& tenant, const DeliveryKey&, absl::Time,
      const std::function<DeliveryRecord(const Delivery&)>&) override {
    ++delivered[tenant];
    return Processed::kDelivered;
  }
  absl::StatusOr<int64_t> PendingCount(const std::string&) override { return 0; }
  std::map<std::string, int> delivered;
};

class NoTarget final : public TargetVault {
 public:
  absl::StatusOr<ApplyOutcome> CrossLink(const std::string&, const std::string&, const std::string&,
                                         int64_t, const promomats::CrossLink&) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<ApplyOutcome> Withdraw(const std::string&, const std::string&, const std::string&,
                                        int64_t, const std::string&) override {
    return absl::UnimplementedError("not used");
  }
  absl::StatusOr<std::vector<promomats::CrossLink>> List(const std::string&, const std::string&,
                                                         const std::string&, int) override {
    return std::vector<promomats::CrossLink>{};
  }
};

TEST(SEC11_DispatcherFairness, OneTenantsFailureNeverStopsTheOthers) {
  FakeOutbox outbox;
  NoTarget target;
  FakeClock clock(absl::FromUnixSeconds(1800000000));
  IdGenerator ids(clock, [] { return 42ULL; });
  Dispatcher dispatcher(outbox, target, clock, ids);
  auto result = dispatcher.RunAll();
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->tenants_failed, 1);
  EXPECT_EQ(result->delivered, 2);
  EXPECT_EQ(outbox.delivered["healthy"], 1);
  EXPECT_EQ(outbox.delivered["also-healthy"], 1);
}

}  // namespace
}  // namespace engage::promomats
