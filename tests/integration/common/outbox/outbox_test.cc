// common/outbox over MySQL: order per key, retries with backoff, claims shared
// by dispatchers, a crash before the commit, giving up, counts and a safe stop.
// The table is made here from the shape mysql_outbox_store.h documents, so a
// new user's CREATE TABLE is proven to work.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "common/outbox/dispatcher.h"
#include "common/outbox/mysql_outbox_store.h"
#include "common/server/metrics.h"
#include "tests/integration/common/outbox/outbox_table.h"
#include "tests/support/test_database.h"

namespace engage::outbox {
namespace {

constexpr char kTenant[] = "tenant-a";

const OutboxTable kTable{"test_outbox", "message_id", "order_key", "position",
                         "state",       "done_time",  {"body"},    {}};

class OutboxTest : public ::testing::Test {
 protected:
  OutboxTest() {
    auto made = CreateOutboxTable(db_.pool(), "test_outbox");
    EXPECT_TRUE(made.ok()) << made;
  }

  void Add(const std::string& id, const std::string& key, const std::string& body,
           const std::string& tenant = kTenant) {
    auto st = db_.pool().Transaction([&](mysql::Session& s) {
      return Enqueue(s, kTable, NewMessage{tenant, id, key, 0, {body}, clock_.Now()});
    });
    ASSERT_TRUE(st.ok()) << st;
  }

  Dispatcher::Options NoJitter(int max_attempts = 0) {
    Dispatcher::Options o;
    o.retry.max_attempts = max_attempts;
    o.random = [] { return 0.5; };
    return o;
  }

  testing::TestDatabase db_;
  FakeClock clock_{absl::FromUnixSeconds(1800000000)};
  MysqlOutboxStore store_{db_.pool(), kTable};
};

TEST_F(OutboxTest, DeliversInOrderPerKeyWithThePayload) {
  Add("m1", "k1", "one");
  Add("m2", "k2", "two");
  Add("m3", "k1", "three");
  std::vector<std::string> seen;
  Dispatcher d(
      store_,
      [&](const Message& m) -> absl::StatusOr<Outcome> {
        seen.push_back(m.id + ":" + m.payload.at(0));
        return Outcome::Sent();
      },
      clock_);
  auto r = d.RunAll();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->delivered, 3);
  ASSERT_EQ(seen.size(), 3u);
  auto at = [&](const std::string& s) { return std::find(seen.begin(), seen.end(), s); };
  EXPECT_LT(at("m1:one"), at("m3:three"));
  EXPECT_NE(at("m2:two"), seen.end());
  auto sent = store_.List(kTenant, ListFilter{"", {State::kSent}}, "", 10);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->size(), 3u);
  EXPECT_NE(sent->front().done_time, absl::InfinitePast());
  EXPECT_EQ(store_.CountsOf(kTenant)->pending, 0);
}

// A caller-set position (promomats_svc: the document's version) may repeat
// within a key (a re-route queues at the version already out): those go in
// message id order, the later one waiting while the earlier is pending.
TEST_F(OutboxTest, EqualCallerSetPositionsGoInIdOrder) {
  // The shape with a caller-set position: no AUTO_INCREMENT, no unique key.
  const OutboxTable versioned{"test_versioned", "message_id", "order_key", "position",
                              "state",          "done_time",  {"body"},    {}};
  auto made = db_.pool().Execute(
      "CREATE TABLE test_versioned ("
      " tenant_id VARCHAR(64) NOT NULL, message_id VARCHAR(64) NOT NULL,"
      " order_key VARCHAR(128) NOT NULL, position BIGINT NOT NULL,"
      " state TINYINT NOT NULL DEFAULT 0, attempts INT NOT NULL DEFAULT 0,"
      " next_attempt_time DATETIME(6) NOT NULL, last_error VARCHAR(1000) NOT NULL DEFAULT '',"
      " create_time DATETIME(6) NOT NULL, done_time DATETIME(6) NULL,"
      " body VARCHAR(200) NOT NULL, PRIMARY KEY (tenant_id, message_id),"
      " KEY test_versioned_order (tenant_id, order_key, position)"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin");
  ASSERT_TRUE(made.ok()) << made.status();
  MysqlOutboxStore store(db_.pool(), versioned);
  for (const char* id : {"m2", "m1"}) {
    auto st = db_.pool().Transaction([&](mysql::Session& s) {
      return Enqueue(s, versioned, NewMessage{kTenant, id, "k1", 7, {id}, clock_.Now()});
    });
    ASSERT_TRUE(st.ok()) << st;
  }
  std::vector<std::string> seen;
  bool down = true;
  Dispatcher d(
      store,
      [&](const Message& m) -> absl::StatusOr<Outcome> {
        seen.push_back(m.id);
        if (down) return Outcome::Retry("target down");
        return Outcome::Sent();
      },
      clock_, NoJitter());
  ASSERT_TRUE(d.RunOnce(kTenant).ok());
  EXPECT_EQ(seen, std::vector<std::string>{"m1"});  // m2 waits behind the failing m1
  down = false;
  clock_.Advance(absl::Seconds(2));
  ASSERT_TRUE(d.RunOnce(kTenant).ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"m1", "m1", "m2"}));
}

TEST_F(OutboxTest, AFailingMessageBlocksItsKeyOnlyAndIsRetriedAfterTheBackoff) {
  Add("m1", "k1", "a");
  Add("m2", "k1", "b");
  Add("m3", "k2", "c");
  bool down = true;
  std::vector<std::string> sent;
  Dispatcher d(
      store_,
      [&](const Message& m) -> absl::StatusOr<Outcome> {
        if (m.key == "k1" && down) return Outcome::Retry("target down");
        sent.push_back(m.id);
        return Outcome::Sent();
      },
      clock_, NoJitter());
  ASSERT_TRUE(d.RunAll().ok());
  EXPECT_EQ(sent, std::vector<std::string>{"m3"});  // k1 waits behind m1; k2 goes on
  auto c = store_.CountsOf(kTenant);
  EXPECT_EQ(c->pending, 2);
  EXPECT_EQ(c->failing, 1);
  auto m1 = store_.List(kTenant, ListFilter{"k1", {}}, "", 10);
  ASSERT_EQ(m1->size(), 2u);
  EXPECT_EQ(m1->at(0).attempts, 1);
  EXPECT_EQ(m1->at(0).last_error, "target down");
  EXPECT_EQ(m1->at(0).next_attempt_time, clock_.Now() + absl::Seconds(1));

  clock_.Advance(absl::Milliseconds(500));  // not yet due: nothing tried
  ASSERT_TRUE(d.RunAll().ok());
  EXPECT_EQ(store_.List(kTenant, ListFilter{"k1", {}}, "", 1)->front().attempts, 1);
  clock_.Advance(absl::Milliseconds(500));  // due: fails again, waits twice as long
  ASSERT_TRUE(d.RunAll().ok());
  EXPECT_EQ(store_.List(kTenant, ListFilter{"k1", {}}, "", 1)->front().next_attempt_time,
            clock_.Now() + absl::Seconds(2));

  down = false;
  clock_.Advance(absl::Seconds(2));
  ASSERT_TRUE(d.RunAll().ok());
  EXPECT_EQ(sent, (std::vector<std::string>{"m3", "m1", "m2"}));
  EXPECT_EQ(store_.CountsOf(kTenant)->pending, 0);
}

TEST_F(OutboxTest, ACrashBeforeTheCommitLeavesTheMessagePendingAndUncounted) {
  Add("m1", "k1", "a");
  Dispatcher crashing(
      store_,
      [](const Message&) -> absl::StatusOr<Outcome> {
        return absl::UnavailableError("killed before the commit");
      },
      clock_);
  auto r = crashing.RunOnce(kTenant);
  EXPECT_FALSE(r.ok());
  auto rows = store_.List(kTenant, ListFilter{}, "", 10);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().state, State::kPending);
  EXPECT_EQ(rows->front().attempts, 0);
  int calls = 0;
  Dispatcher next(
      store_,
      [&](const Message&) -> absl::StatusOr<Outcome> {
        ++calls;
        return Outcome::Sent();
      },
      clock_);
  EXPECT_EQ(next.RunOnce(kTenant)->delivered, 1);
  EXPECT_EQ(calls, 1);
}

TEST_F(OutboxTest, TwoDispatchersDeliverEachMessageOnceInOrderPerKey) {
  for (int i = 0; i < 40; ++i) Add("m" + std::to_string(100 + i), "k" + std::to_string(i % 4), "x");
  std::mutex mu;
  std::map<std::string, int> times;
  std::map<std::string, std::vector<std::string>> order;
  auto deliver = [&](const Message& m) -> absl::StatusOr<Outcome> {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::lock_guard<std::mutex> lock(mu);
    ++times[m.id];
    order[m.key].push_back(m.id);
    return Outcome::Sent();
  };
  Dispatcher a(store_, deliver, clock_), b(store_, deliver, clock_);
  std::thread ta([&] { ASSERT_TRUE(a.RunAll().ok()); });
  std::thread tb([&] { ASSERT_TRUE(b.RunAll().ok()); });
  ta.join();
  tb.join();
  // A message another run held was skipped; one more pass picks up anything left.
  ASSERT_TRUE(a.RunAll().ok());
  EXPECT_EQ(times.size(), 40u);
  for (const auto& [id, n] : times) EXPECT_EQ(n, 1) << id;
  for (const auto& [key, ids] : order) EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end())) << key;
}

TEST_F(OutboxTest, GivenUpAfterMaxAttemptsUnblocksItsKeyAndCanBeRetried) {
  Add("m1", "k1", "a");
  Add("m2", "k1", "b");
  std::vector<bool> last;
  Dispatcher d(
      store_,
      [&](const Message& m) -> absl::StatusOr<Outcome> {
        if (m.id == "m1") {
          last.push_back(m.last_attempt);
          return Outcome::Retry("still down");
        }
        return Outcome::Sent();
      },
      clock_, NoJitter(/*max_attempts=*/2));
  ASSERT_TRUE(d.RunAll().ok());
  clock_.Advance(absl::Seconds(1));
  ASSERT_TRUE(d.RunAll().ok());
  EXPECT_EQ(last, (std::vector<bool>{false, true}));
  auto c = store_.CountsOf(kTenant);
  EXPECT_EQ(c->failed, 1);
  EXPECT_EQ(c->pending, 0);  // m2 went once m1 was given up
  auto failed = store_.List(kTenant, ListFilter{"", {State::kFailed}}, "", 10);
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ(failed->front().id, "m1");
  EXPECT_EQ(failed->front().attempts, 2);

  EXPECT_EQ(store_.Retry(kTenant, "m2", clock_.Now()).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(store_.Retry("tenant-b", "m1", clock_.Now()).code(), absl::StatusCode::kNotFound);
  ASSERT_TRUE(store_.Retry(kTenant, "m1", clock_.Now()).ok());
  EXPECT_EQ(store_.CountsOf(kTenant)->pending, 1);
}

// A retried message gets max_attempts fresh attempts, not one: Retry resets
// attempts to 0 and makes it due now.
TEST_F(OutboxTest, ARetriedMessageGetsAllItsAttemptsAgain) {
  Add("m1", "k1", "a");
  std::vector<bool> last;
  Dispatcher d(
      store_,
      [&](const Message& m) -> absl::StatusOr<Outcome> {
        last.push_back(m.last_attempt);
        return Outcome::Retry("still down");
      },
      clock_, NoJitter(/*max_attempts=*/2));
  ASSERT_TRUE(d.RunAll().ok());
  clock_.Advance(absl::Seconds(1));
  ASSERT_TRUE(d.RunAll().ok());
  ASSERT_EQ(store_.CountsOf(kTenant)->failed, 1);

  clock_.Advance(absl::Hours(1));
  ASSERT_TRUE(store_.Retry(kTenant, "m1", clock_.Now()).ok());
  auto retried = store_.List(kTenant, ListFilter{}, "", 10);
  ASSERT_EQ(retried->size(), 1u);
  EXPECT_EQ(retried->front().attempts, 0);
  EXPECT_EQ(retried->front().next_attempt_time, clock_.Now());
  ASSERT_TRUE(d.RunAll().ok());  // first attempt after the retry: not the last
  auto c = store_.CountsOf(kTenant);
  EXPECT_EQ(c->failed, 0);
  EXPECT_EQ(c->pending, 1);
  clock_.Advance(absl::Seconds(1));
  ASSERT_TRUE(d.RunAll().ok());
  EXPECT_EQ(last, (std::vector<bool>{false, true, false, true}));
  EXPECT_EQ(store_.CountsOf(kTenant)->failed, 1);
}

// SEC-11: a tenant whose receiver is slow gets one budget per run, then the
// next tenant has its turn: tenant-a (first in id order) has 20 messages that
// take 100 ms each, tenant-b's one message still goes within about a budget.
TEST_F(OutboxTest, SEC11_ASlowTenantDoesNotHoldUpTheOthers) {
  for (int i = 0; i < 20; ++i) Add("a" + std::to_string(i), "k" + std::to_string(i), "slow");
  Add("b1", "k1", "fast", "tenant-b");
  std::mutex mu;
  std::condition_variable cv;
  bool b_sent = false;
  Dispatcher::Options options = NoJitter();
  options.tenant_budget = absl::Milliseconds(300);
  Dispatcher d(
      store_,
      [&](const Message& m) -> absl::StatusOr<Outcome> {
        if (m.tenant == kTenant) absl::SleepFor(absl::Milliseconds(100));
        std::lock_guard<std::mutex> lock(mu);
        if (m.tenant == "tenant-b") b_sent = true;
        cv.notify_all();
        return Outcome::Sent();
      },
      clock_, options);
  const absl::Time start = absl::Now();
  d.Start(absl::Milliseconds(10));
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, std::chrono::seconds(5), [&] { return b_sent; });
  }
  const absl::Duration waited = absl::Now() - start;
  d.Stop();
  EXPECT_TRUE(b_sent);
  // Today's budget plus one delivery plus slack; the whole slow queue is 2 s.
  EXPECT_LT(waited, absl::Milliseconds(900)) << "tenant-b waited " << waited;
  EXPECT_GT(store_.CountsOf(kTenant)->pending, 0);  // tenant-a was cut short, not drained
}

// SEC-11: with no budget a tenant's turn is one message, and each run starts
// one tenant further on, so no tenant is always served first.
TEST_F(OutboxTest, SEC11_TheFirstTenantRotatesEveryRun) {
  for (const std::string tenant : {"tenant-a", "tenant-b", "tenant-c"}) {
    Add("m1", "k1", "x", tenant);
    Add("m2", "k2", "x", tenant);
  }
  std::vector<std::string> order;
  Dispatcher::Options options = NoJitter();
  options.tenant_budget = absl::ZeroDuration();
  Dispatcher d(
      store_,
      [&](const Message& m) -> absl::StatusOr<Outcome> {
        order.push_back(m.tenant.substr(7));
        return Outcome::Sent();
      },
      clock_, options);
  ASSERT_TRUE(d.RunAll().ok());
  ASSERT_TRUE(d.RunAll().ok());
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "c", "b", "c", "a"}));
}

TEST_F(OutboxTest, ARefusedMessageFailsAtOnce) {
  Add("m1", "k1", "a");
  Dispatcher d(
      store_,
      [](const Message&) -> absl::StatusOr<Outcome> { return Outcome::Refused("400 bad payload"); },
      clock_);
  EXPECT_EQ(d.RunOnce(kTenant)->failed, 1);
  EXPECT_EQ(store_.CountsOf(kTenant)->failed, 1);
}

TEST_F(OutboxTest, CountsArePerTenantAndExportedAsGauges) {
  Add("m1", "k1", "a");
  Add("m2", "k1", "a", "tenant-b");
  Add("m3", "k2", "a", "tenant-b");
  Dispatcher d(
      store_,
      [](const Message& m) -> absl::StatusOr<Outcome> {
        if (m.id == "m2") return Outcome::Retry("down");
        return absl::CancelledError("not now");  // leaves m1 and m3 pending
      },
      clock_);
  (void)d.RunAll();
  auto all = store_.AllCounts();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)["tenant-a"].pending, 1);
  EXPECT_EQ((*all)["tenant-b"].pending, 2);
  EXPECT_EQ((*all)["tenant-b"].failing, 1);
  const std::string text = server::Metrics::Get().Render();
  EXPECT_NE(text.find("engage_outbox_messages{outbox=\"test_outbox\",tenant=\"tenant-b\","
                      "state=\"pending\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("engage_outbox_messages{outbox=\"test_outbox\",tenant=\"tenant-b\","
                      "state=\"failing\"} 1"),
            std::string::npos);
}

TEST_F(OutboxTest, StopEndsAtASafePointAfterTheDeliveryUnderWay) {
  for (int i = 0; i < 5; ++i) Add("m" + std::to_string(i), "k" + std::to_string(i), "x");
  std::mutex mu;
  std::condition_variable cv;
  bool in_delivery = false, release = false;
  std::atomic<int> calls{0};
  Dispatcher d(
      store_,
      [&](const Message&) -> absl::StatusOr<Outcome> {
        ++calls;
        std::unique_lock<std::mutex> lock(mu);
        in_delivery = true;
        cv.notify_all();
        cv.wait(lock, [&] { return release; });
        return Outcome::Sent();
      },
      clock_);
  d.Start(absl::Hours(1));
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return in_delivery; });
  }
  std::thread stopper([&] { d.Stop(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // Stop is waiting on the delivery
  {
    std::lock_guard<std::mutex> lock(mu);
    release = true;
  }
  cv.notify_all();
  stopper.join();
  EXPECT_EQ(calls.load(), 1);
  auto c = store_.CountsOf(kTenant);
  EXPECT_EQ(c->pending, 4);  // the one under way was recorded, none claimed after it
}

}  // namespace
}  // namespace engage::outbox
