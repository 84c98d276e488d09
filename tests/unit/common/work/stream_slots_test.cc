// SEC-11: open streams (or calls) per caller, per tenant and per replica are bounded.
#include "common/work/stream_slots.h"

#include <gtest/gtest.h>

#include "common/status/errors.h"

namespace engage::work {
namespace {

TEST(SEC11_StreamSlots, ACallerGetsItsShareAndNoMoreUntilOneCloses) {
  StreamSlots slots(2, 10, 10);
  auto a = slots.Take("acme", "alice");
  auto b = slots.Take("acme", "alice");
  ASSERT_TRUE(a.ok() && b.ok());
  auto c = slots.Take("acme", "alice");
  EXPECT_EQ(c.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(ReasonOf(c.status()), "SEC-11");
  EXPECT_TRUE(c.status().GetPayload(kRetryInfoTypeUrl).has_value());
  EXPECT_TRUE(slots.Take("globex", "bob").ok());  // another caller is not affected
  a->reset();
  EXPECT_TRUE(slots.Take("acme", "alice").ok());
}

TEST(SEC11_StreamSlots, TheReplicaBoundHoldsAcrossCallers) {
  StreamSlots slots(5, 5, 3);
  std::vector<std::unique_ptr<StreamSlots::Slot>> held;
  for (int i = 0; i < 3; ++i)
    held.push_back(std::move(slots.Take("t" + std::to_string(i), "c")).value());
  EXPECT_EQ(slots.Take("t9", "c").status().code(), absl::StatusCode::kResourceExhausted);
  held.pop_back();
  EXPECT_TRUE(slots.Take("t9", "c").ok());
}

TEST(SEC11_StreamSlots, ATenantsCallersTogetherGetTheTenantsShareAndOtherTenantsKeepTheRest) {
  StreamSlots slots(4, 16, 64);
  std::vector<std::unique_ptr<StreamSlots::Slot>> held;
  for (int caller = 0; caller < 16; ++caller) {
    for (int i = 0; i < 4; ++i) {
      auto slot = slots.Take("globex", "subject-" + std::to_string(caller));
      if (slot.ok()) held.push_back(std::move(*slot));
    }
  }
  EXPECT_EQ(held.size(), 16u);  // 16 callers of one tenant, not 64
  auto refused = slots.Take("globex", "subject-99");
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(refused.status().message().find("per tenant"), std::string::npos);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(slots.Take("acme", "alice").ok());
  held.pop_back();
  EXPECT_TRUE(slots.Take("globex", "subject-99").ok());
}

TEST(SEC11_StreamSlots, APeerWithNoTenantCountsForNoTenant) {
  StreamSlots slots(StreamSlots::Bounds{2, 1, 3, "open health watches"});
  auto a = slots.Take("", "10.0.0.1");
  auto b = slots.Take("", "10.0.0.1");
  ASSERT_TRUE(a.ok() && b.ok());  // the tenant bound (1) does not apply
  auto c = slots.Take("", "10.0.0.1");
  EXPECT_NE(c.status().message().find("at most 2 open health watches per caller"),
            std::string::npos);
  auto other = slots.Take("", "10.0.0.2");
  EXPECT_TRUE(other.ok());
  EXPECT_EQ(slots.Take("", "10.0.0.3").status().code(), absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace engage::work
