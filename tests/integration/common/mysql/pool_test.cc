#include "common/mysql/pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/mysql/lock_name.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace engage::mysql {
namespace {

class PoolTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(
        db_.pool()
            .Execute("CREATE TABLE kv (k VARCHAR(64) PRIMARY KEY, v VARCHAR(200), n BIGINT) "
                     "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")
            .ok());
  }
  engage::testing::TestDatabase db_;
};

TEST_F(PoolTest, ValuesRoundTripIncludingSqlMetacharactersAndNulls) {
  const std::string nasty = "Robert'); DROP TABLE kv;-- \\ \" % _ 日本";
  ASSERT_TRUE(db_.pool()
                  .Execute("INSERT INTO kv VALUES (?, ?, ?)", {std::string("a"), nasty, nullptr})
                  .ok());
  auto rows = db_.pool().Query("SELECT v, n FROM kv WHERE k = ?", {std::string("a")});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].String(0), nasty);
  EXPECT_TRUE((*rows)[0].IsNull(1));
}

TEST_F(PoolTest, DuplicateKeyIsAlreadyExists) {
  ASSERT_TRUE(db_.pool().Execute("INSERT INTO kv (k) VALUES ('x')").ok());
  EXPECT_EQ(db_.pool().Execute("INSERT INTO kv (k) VALUES ('x')").status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(PoolTest, FailedTransactionLeavesNothingBehind) {
  absl::Status st = db_.pool().Transaction([](Session& s) -> absl::Status {
    if (auto r = s.Execute("INSERT INTO kv (k) VALUES ('first')"); !r.ok()) return r.status();
    return s.Execute("INSERT INTO kv (k) VALUES ('first')").status();  // duplicate
  });
  EXPECT_EQ(st.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(db_.pool().Query("SELECT * FROM kv")->empty());
}

TEST_F(PoolTest, BadSqlIsInternalNotAnException) {
  auto r = db_.pool().Query("SELEC nonsense");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInternal);
  // The pool still works afterwards.
  EXPECT_TRUE(db_.pool().Query("SELECT 1").ok());
}

TEST_F(PoolTest, ExhaustedPoolAnswersUnavailableAfterTheBoundedWait) {
  DbConfig config = db_.config();
  config.pool_size = 1;
  config.pool_wait = absl::Milliseconds(200);
  auto pool = Pool::Open(config);
  ASSERT_TRUE(pool.ok());
  std::atomic<bool> holding{false}, release{false};
  std::thread holder([&] {
    (void)(*pool)->Run([&](Session&) {
      holding = true;
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
      return absl::OkStatus();
    });
  });
  // The holder has the one connection before the query asks (not a head start
  // in time, which a loaded machine may not honour).
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  absl::Time start = absl::Now();
  auto r = (*pool)->Query("SELECT 1");
  EXPECT_EQ(r.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  release = true;
  holder.join();
  EXPECT_TRUE((*pool)->Query("SELECT 1").ok());
  EXPECT_EQ((*pool)->Stats().wait_timeouts, 1);
}

TEST_F(PoolTest, DeadlockedTransactionIsRetriedToCompletion) {
  ASSERT_TRUE(db_.pool().Execute("INSERT INTO kv (k, n) VALUES ('a', 0), ('b', 0)").ok());
  // Two transactions lock the rows in opposite orders, many times over: InnoDB
  // kills one side of each deadlock, and the pool re-runs it.
  std::atomic<int> failures{0};
  auto worker = [&](const char* first, const char* second) {
    for (int i = 0; i < 20; ++i) {
      absl::Status st = db_.pool().Transaction([&](Session& s) -> absl::Status {
        if (auto r = s.Execute("UPDATE kv SET n = n + 1 WHERE k = ?", {std::string(first)});
            !r.ok()) {
          return r.status();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        return s.Execute("UPDATE kv SET n = n + 1 WHERE k = ?", {std::string(second)}).status();
      });
      if (!st.ok()) ++failures;
    }
  };
  std::thread t1(worker, "a", "b");
  std::thread t2(worker, "b", "a");
  t1.join();
  t2.join();
  auto rows = db_.pool().Query("SELECT SUM(n) FROM kv");
  // Every committed transaction added 2; a transaction that gave up added nothing.
  EXPECT_EQ((*rows)[0].Int(0), 2 * (40 - failures.load()));
  EXPECT_LE(failures.load(), 2);
}

TEST_F(PoolTest, TransactionForReturnsTheValueOfTheCommittedRun) {
  absl::StatusOr<uint64_t> changed = db_.pool().TransactionFor(
      [](Session& s) { return s.Execute("INSERT INTO kv (k, n) VALUES ('a', 1), ('b', 2)"); });
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(*changed, 2u);
  absl::StatusOr<std::string> v = db_.pool().RunFor([](Session& s) -> absl::StatusOr<std::string> {
    auto rows = s.Query("SELECT SUM(n) FROM kv");
    if (!rows.ok()) return rows.status();
    return (*rows)[0].String(0);
  });
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, "3");
}

TEST_F(PoolTest, TransactionForThatFailsReturnsTheErrorAndLeavesNothingBehind) {
  absl::StatusOr<int> out = db_.pool().TransactionFor([](Session& s) -> absl::StatusOr<int> {
    if (auto r = s.Execute("INSERT INTO kv (k) VALUES ('first')"); !r.ok()) return r.status();
    return absl::FailedPreconditionError("changed my mind");
  });
  EXPECT_EQ(out.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(db_.pool().Query("SELECT * FROM kv")->empty());
}

// Whether another session could take `key` now (the name HoldUntilEnd gives it).
bool KeyIsFree(Pool& pool, const std::string& key) {
  auto rows = pool.Query(absl::StrCat("SELECT IS_FREE_LOCK(", kLockNameOf, ")"), {key});
  return rows.ok() && !rows->empty() && (*rows)[0].Int(0) == 1;
}

TEST_F(PoolTest, HeldKeyMakesTheNextHolderWaitUntilTheFirstHasCommitted) {
  std::atomic<bool> holding{false}, release{false};
  std::thread first([&] {
    EXPECT_TRUE(db_.pool()
                    .Transaction([&](Session& s) -> absl::Status {
                      if (auto st = s.HoldUntilEnd("turns"); !st.ok()) return st;
                      if (auto r = s.Execute("INSERT INTO kv (k) VALUES ('first')"); !r.ok()) {
                        return r.status();
                      }
                      holding = true;
                      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(5));
                      return absl::OkStatus();
                    })
                    .ok());
  });
  while (!holding) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_FALSE(KeyIsFree(db_.pool(), "turns"));
  EXPECT_TRUE(KeyIsFree(db_.pool(), "another key"));
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    release = true;
  });
  // The second holder gets its turn only once the first has committed: it
  // sees the first's row.
  absl::StatusOr<int64_t> seen =
      db_.pool().TransactionFor([](Session& s) -> absl::StatusOr<int64_t> {
        if (auto st = s.HoldUntilEnd("turns"); !st.ok()) return st;
        auto rows = s.Query("SELECT COUNT(*) FROM kv");
        if (!rows.ok()) return rows.status();
        return (*rows)[0].Int(0);
      });
  first.join();
  releaser.join();
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(*seen, 1);
  EXPECT_TRUE(KeyIsFree(db_.pool(), "turns"));
}

TEST_F(PoolTest, HeldKeyIsGivenBackWhenTheTransactionFailsOrRunsWithoutOne) {
  absl::Status st = db_.pool().Transaction([](Session& s) -> absl::Status {
    if (auto held = s.HoldUntilEnd("failing"); !held.ok()) return held;
    return absl::FailedPreconditionError("changed my mind");
  });
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(KeyIsFree(db_.pool(), "failing"));
  EXPECT_TRUE(db_.pool().Run([](Session& s) { return s.HoldUntilEnd("autocommit"); }).ok());
  EXPECT_TRUE(KeyIsFree(db_.pool(), "autocommit"));
}

TEST(PoolOpenTest, UnreachableDatabaseIsUnavailableQuickly) {
  DbConfig config = engage::testing::TestServerConfig();
  config.port = engage::testing::FreePort();
  config.connect_timeout = absl::Seconds(2);
  absl::Time start = absl::Now();
  auto pool = Pool::Open(config);
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(pool.status().message().find("database unreachable"), std::string::npos);
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

}  // namespace
}  // namespace engage::mysql
