// SEC-11: the gateway's concurrency bound and each tenant's and caller's share of it.
#include "gateway/concurrency_shares.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/status/errors.h"

namespace engage::gateway {
namespace {

ConcurrencyLimits Limits(int global, int tenant, int caller) {
  ConcurrencyLimits limits;
  limits.global = global;
  limits.per_tenant = tenant;
  limits.per_caller = caller;
  return limits;
}

TEST(SEC11_ConcurrencyShares, CallerAtItsShareIsRefusedAnotherCallerOfTheTenantIsNot) {
  ConcurrencyShares shares(Limits(10, 4, 2));
  std::vector<ConcurrencyShares::Slot> held;
  for (int i = 0; i < 2; ++i) held.push_back(*shares.Acquire("t1", "t1/a"));
  auto refused = shares.Acquire("t1", "t1/a");
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(refused.status().message().find("caller is at its share of 2"), std::string::npos)
      << refused.status();
  EXPECT_TRUE(shares.Acquire("t1", "t1/b").ok());
}

TEST(SEC11_ConcurrencyShares, TenantAtItsShareIsRefusedAnotherTenantIsNot) {
  ConcurrencyShares shares(Limits(10, 4, 2));
  std::vector<ConcurrencyShares::Slot> held;
  for (const char* caller : {"t1/a", "t1/a", "t1/b", "t1/b"}) {
    held.push_back(*shares.Acquire("t1", caller));
  }
  auto refused = shares.Acquire("t1", "t1/c");
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(refused.status().message().find("tenant t1 is at its share of 4"), std::string::npos)
      << refused.status();
  EXPECT_TRUE(shares.Acquire("t2", "t2/a").ok());
  EXPECT_EQ(shares.in_flight_of_tenant("t1"), 4);
}

TEST(SEC11_ConcurrencyShares, GlobalBoundHoldsAcrossTenantsWithRetryInfo) {
  ConcurrencyShares shares(Limits(3, 3, 3));
  std::vector<ConcurrencyShares::Slot> held;
  for (const char* tenant : {"t1", "t2", "t3"}) {
    held.push_back(*shares.Acquire(tenant, std::string(tenant) + "/a"));
  }
  auto refused = shares.Acquire("t4", "t4/a");
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(refused.status().message().find("concurrent call limit"), std::string::npos);
  // The refusal carries a retry delay, as the rate limiter's does.
  EXPECT_TRUE(refused.status().GetPayload(kRetryInfoTypeUrl).has_value());
}

TEST(SEC11_ConcurrencyShares, SlotsFreeTheirCountsWhenTheyGoOrMove) {
  ConcurrencyShares shares(Limits(2, 2, 1));
  {
    auto slot = shares.Acquire("t1", "t1/a");
    ASSERT_TRUE(slot.ok());
    ConcurrencyShares::Slot moved = *std::move(slot);
    EXPECT_EQ(shares.in_flight(), 1);
    EXPECT_FALSE(shares.Acquire("t1", "t1/a").ok());
    ConcurrencyShares::Slot again;
    again = std::move(moved);
    EXPECT_EQ(shares.in_flight(), 1);
  }
  EXPECT_EQ(shares.in_flight(), 0);
  EXPECT_EQ(shares.in_flight_of_tenant("t1"), 0);
  EXPECT_TRUE(shares.Acquire("t1", "t1/a").ok());
}

TEST(SEC11_ConcurrencyShares, RefusedCallsLeaveNoCounts) {
  ConcurrencyShares shares(Limits(1, 1, 1));
  auto held = shares.Acquire("t1", "t1/a");
  ASSERT_TRUE(held.ok());
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(shares.Acquire("t2", "t2/x").ok());
  EXPECT_EQ(shares.in_flight_of_tenant("t2"), 0);
  EXPECT_EQ(shares.in_flight(), 1);
}

TEST(SEC11_ConcurrencyShares, DefaultSharesAreFractionsOfTheGlobalBound) {
  ConcurrencyLimits limits = ConcurrencyLimitsOf(1000, 0, 0);
  EXPECT_EQ(limits.global, 1000);
  EXPECT_EQ(limits.per_tenant, 250);
  EXPECT_EQ(limits.per_caller, 50);
  limits = ConcurrencyLimitsOf(3, 0, 0);
  EXPECT_EQ(limits.per_tenant, 1);
  EXPECT_EQ(limits.per_caller, 1);
  // Explicit shares are kept, but never above the bound above them.
  limits = ConcurrencyLimitsOf(100, 500, 800);
  EXPECT_EQ(limits.per_tenant, 100);
  EXPECT_EQ(limits.per_caller, 100);
  limits = ConcurrencyLimitsOf(100, 30, 5);
  EXPECT_EQ(limits.per_tenant, 30);
  EXPECT_EQ(limits.per_caller, 5);
}

}  // namespace
}  // namespace engage::gateway
