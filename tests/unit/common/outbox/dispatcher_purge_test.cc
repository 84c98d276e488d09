// SEC-11 (attack review 5, finding 6): sent messages are not kept forever.
// With Options::keep_sent, every RunAll asks the store to purge one batch of
// those sent longer ago than that; without it, nothing is purged.
#include <gtest/gtest.h>

#include <vector>

#include "common/outbox/dispatcher.h"
#include "common/time/clock.h"
#include "tests/unit/common/outbox/quiet_store.h"

namespace engage::outbox {
namespace {

const absl::Time kNow = absl::FromUnixSeconds(1700000000);

// No messages; records what RunAll asked to purge.
class PurgeStore final : public QuietStore {
 public:
  const std::string& name() const override { return name_; }
  absl::StatusOr<std::vector<std::string>> TenantsWithPending() override {
    return std::vector<std::string>{};
  }
  absl::StatusOr<std::vector<std::string>> Due(const std::string&, absl::Time, int) override {
    return std::vector<std::string>{};
  }
  void Delivered(const std::string&) override {}
  absl::StatusOr<int64_t> PurgeSent(absl::Time sent_before, int limit) override {
    purges.push_back({sent_before, limit});
    if (fail) return absl::UnavailableError("database gone");
    return int64_t{0};
  }

  struct Purge {
    absl::Time before;
    int limit;
  };
  std::vector<Purge> purges;
  bool fail = false;

 private:
  std::string name_ = "fake_outbox";
};

Dispatcher::Options Keeping(absl::Duration keep) {
  Dispatcher::Options o;
  o.keep_sent = keep;
  o.purge_batch = 500;
  o.random = [] { return 0.5; };
  return o;
}

TEST(SEC11_OutboxPurge, EveryRunPurgesOneBatchSentBeforeTheRetention) {
  PurgeStore store;
  FakeClock clock(kNow);
  Dispatcher dispatcher(
      store, [](const Message&) { return Outcome::Sent(); }, clock, Keeping(absl::Hours(720)));
  ASSERT_TRUE(dispatcher.RunAll().ok());
  clock.Advance(absl::Hours(1));
  ASSERT_TRUE(dispatcher.RunAll().ok());
  ASSERT_EQ(store.purges.size(), 2u);
  EXPECT_EQ(store.purges[0].before, kNow - absl::Hours(720));
  EXPECT_EQ(store.purges[0].limit, 500);
  EXPECT_EQ(store.purges[1].before, kNow - absl::Hours(719));
}

TEST(SEC11_OutboxPurge, WithoutARetentionNothingIsPurged) {
  PurgeStore store;
  FakeClock clock(kNow);
  Dispatcher dispatcher(
      store, [](const Message&) { return Outcome::Sent(); }, clock, Keeping(absl::ZeroDuration()));
  ASSERT_TRUE(dispatcher.RunAll().ok());
  EXPECT_TRUE(store.purges.empty());
}

TEST(SEC11_OutboxPurge, AFailedPurgeDoesNotFailTheRun) {
  PurgeStore store;
  store.fail = true;
  FakeClock clock(kNow);
  Dispatcher dispatcher(
      store, [](const Message&) { return Outcome::Sent(); }, clock, Keeping(absl::Hours(1)));
  EXPECT_TRUE(dispatcher.RunAll().ok());
  EXPECT_EQ(store.purges.size(), 1u);
}

}  // namespace
}  // namespace engage::outbox
