// SEC-11: open streams per caller and per replica are bounded.
#include "common/work/stream_slots.h"

#include <gtest/gtest.h>

namespace engage::work {
namespace {

TEST(SEC11_StreamSlots, ACallerGetsItsShareAndNoMoreUntilOneCloses) {
  StreamSlots slots(2, 10);
  auto a = slots.Take("acme/alice");
  auto b = slots.Take("acme/alice");
  ASSERT_TRUE(a.ok() && b.ok());
  auto c = slots.Take("acme/alice");
  EXPECT_EQ(c.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_TRUE(slots.Take("globex/bob").ok());  // another caller is not affected
  a->reset();
  EXPECT_TRUE(slots.Take("acme/alice").ok());
}

TEST(SEC11_StreamSlots, TheReplicaBoundHoldsAcrossCallers) {
  StreamSlots slots(5, 3);
  std::vector<std::unique_ptr<StreamSlots::Slot>> held;
  for (int i = 0; i < 3; ++i)
    held.push_back(std::move(slots.Take("c" + std::to_string(i))).value());
  EXPECT_EQ(slots.Take("c9").status().code(), absl::StatusCode::kResourceExhausted);
  held.pop_back();
  EXPECT_TRUE(slots.Take("c9").ok());
}

}  // namespace
}  // namespace engage::work
