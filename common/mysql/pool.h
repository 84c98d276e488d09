#ifndef ENGAGE_COMMON_MYSQL_POOL_H_
#define ENGAGE_COMMON_MYSQL_POOL_H_

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/mysql/row.h"

namespace engage::mysql {

struct DbConfig {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string name;
  std::string user;
  std::string password;
  int pool_size = 8;
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration query_timeout = absl::Seconds(10);
  absl::Duration pool_wait = absl::Seconds(2);
  int transaction_attempts = 3;
};

struct PoolStats {
  int size = 0;
  int in_use = 0;
  int idle = 0;
  long long wait_timeouts = 0;
};

class Connection;

// One checked-out connection: run statements on it. Statements are prepared
// once per connection and cached. Every connector failure becomes a status:
// duplicate key -> ALREADY_EXISTS, deadlock or lock timeout -> ABORTED,
// statement timeout -> DEADLINE_EXCEEDED, lost server -> UNAVAILABLE,
// foreign key -> FAILED_PRECONDITION, anything else -> INTERNAL.
class Session {
 public:
  explicit Session(Connection& connection) : connection_(connection) {}
  absl::StatusOr<Rows> Query(const std::string& sql, const Params& params = {});
  // Returns the number of rows changed.
  absl::StatusOr<uint64_t> Execute(const std::string& sql, const Params& params = {});
  // Raises `signal` (Pool::Subscribe) once what this session wrote is
  // committed: after the commit of a Pool::Transaction, at the end of a
  // Pool::Run; never for a transaction that rolled back.
  void RaiseAfterCommit(const std::string& signal);
  const std::vector<std::string>& signals() const { return signals_; }
  // Waits (at most kHoldWait, then ABORTED, which Pool::Transaction retries)
  // until no other session of this database holds `key`, and holds it until
  // this session's transaction has committed or rolled back (a MariaDB named
  // lock, so across replicas). For what row locks cannot serialize: a count
  // of rows that may not exist yet, which a locking read does not lock.
  // Distinct keys never wait on each other; take several in one fixed order.
  absl::Status HoldUntilEnd(const std::string& key);
  bool holds_keys() const { return holds_keys_; }
  static constexpr absl::Duration kHoldWait = absl::Seconds(5);

 private:
  Connection& connection_;
  std::vector<std::string> signals_;
  bool holds_keys_ = false;
};

// A bounded pool of MySQL connections over Connector/C++. Callers wait at most
// `pool_wait` for a free connection and then get UNAVAILABLE, never a hang. No
// connector exception ever leaves this class.
class Pool {
 public:
  // Connects once to prove the database is reachable (UNAVAILABLE otherwise).
  static absl::StatusOr<std::unique_ptr<Pool>> Open(const DbConfig& config);
  ~Pool();

  // Runs `fn` on a connection in autocommit mode.
  absl::Status Run(const std::function<absl::Status(Session&)>& fn);
  // Runs `fn` in a transaction: commits when it returns OK, rolls back
  // otherwise. A deadlock or lock timeout (ABORTED) re-runs the whole of `fn`,
  // up to `transaction_attempts` times, so `fn` must not have effects outside
  // the transaction.
  absl::Status Transaction(const std::function<absl::Status(Session&)>& fn);

  // Run and Transaction for work that yields a value: `fn` returns an
  // absl::StatusOr<T>, and so does the call, with the value of the run that
  // succeeded (and committed, for TransactionFor).
  template <typename Fn>
  std::invoke_result_t<Fn&, Session&> RunFor(Fn&& fn) {
    return Yield(false, fn);
  }
  template <typename Fn>
  std::invoke_result_t<Fn&, Session&> TransactionFor(Fn&& fn) {
    return Yield(true, fn);
  }

  // One statement in autocommit mode, for the common single-statement case.
  absl::StatusOr<Rows> Query(const std::string& sql, const Params& params = {});
  absl::StatusOr<uint64_t> Execute(const std::string& sql, const Params& params = {});

  // In-process commit signals, e.g. "an outbox message was committed": `fn`
  // runs on the committing thread after each commit through this pool that
  // raised `signal` (Session::RaiseAfterCommit), so it must be quick (notify
  // a condition variable). Returns the id Unsubscribe takes; Unsubscribe
  // waits for a call of `fn` under way.
  int Subscribe(const std::string& signal, std::function<void()> fn);
  void Unsubscribe(int id);

  PoolStats Stats() const;
  const DbConfig& config() const { return config_; }

 private:
  explicit Pool(DbConfig config);
  absl::StatusOr<std::unique_ptr<Connection>> Acquire();
  void Release(std::unique_ptr<Connection> connection);
  void Raise(const std::vector<std::string>& signals);
  // Gives back what `session` held (Session::HoldUntilEnd) once its work has
  // ended; a connection that cannot is closed, never pooled holding a key.
  static void ReleaseHeld(const Session& session, Connection& connection);
  template <typename Fn>
  std::invoke_result_t<Fn&, Session&> Yield(bool transaction, Fn& fn) {
    std::invoke_result_t<Fn&, Session&> out = absl::UnknownError("not run");
    const auto each = [&](Session& s) {
      out = fn(s);
      return out.status();
    };
    absl::Status st = transaction ? Transaction(each) : Run(each);
    if (!st.ok()) return st;
    return out;
  }

  DbConfig config_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int in_use_ = 0;
  long long wait_timeouts_ = 0;
  std::mutex signals_mu_;  // guards subscribers_, held while they run
  std::map<int, std::pair<std::string, std::function<void()>>> subscribers_;
  int next_subscriber_ = 0;
};

}  // namespace engage::mysql

#endif  // ENGAGE_COMMON_MYSQL_POOL_H_
