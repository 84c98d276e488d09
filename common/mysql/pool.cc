#include "common/mysql/pool.h"

#include <thread>

#include "absl/strings/str_cat.h"
#include "common/mysql/connection.h"
#include "common/mysql/lock_name.h"

namespace engage::mysql {
namespace {

// An idle connection older than this is pinged before use: the server may
// have closed it (wait_timeout) while it sat in the pool.
constexpr absl::Duration kPingAfterIdle = absl::Seconds(30);

}  // namespace

absl::StatusOr<Rows> Session::Query(const std::string& sql, const Params& params) {
  return connection_.Query(sql, params);
}

absl::StatusOr<uint64_t> Session::Execute(const std::string& sql, const Params& params) {
  return connection_.Execute(sql, params);
}

absl::Status Session::HoldUntilEnd(const std::string& key) {
  auto got = connection_.Query(absl::StrCat("SELECT GET_LOCK(", kLockNameOf, ", ?)"),
                               {key, absl::ToDoubleSeconds(kHoldWait)});
  if (!got.ok()) return got.status();
  holds_keys_ = true;  // a NULL answer may still have taken it: released at the end
  if (got->empty() || got->front().IsNull(0) || got->front().Int(0) != 1) {
    return absl::AbortedError(absl::StrCat("waited ", absl::FormatDuration(kHoldWait),
                                           " for another transaction's turn; try again"));
  }
  return absl::OkStatus();
}

void Session::RaiseAfterCommit(const std::string& signal) {
  for (const auto& s : signals_) {
    if (s == signal) return;
  }
  signals_.push_back(signal);
}

absl::StatusOr<std::unique_ptr<Pool>> Pool::Open(const DbConfig& config) {
  std::unique_ptr<Pool> pool(new Pool(config));
  auto first = Connection::Open(config);
  if (!first.ok()) return first.status();
  pool->open_ = 1;
  pool->idle_.push_back(std::move(*first));
  return pool;
}

Pool::Pool(DbConfig config) : config_(std::move(config)) {}

Pool::~Pool() = default;

absl::StatusOr<std::unique_ptr<Connection>> Pool::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  const auto deadline =
      std::chrono::steady_clock::now() + absl::ToChronoMilliseconds(config_.pool_wait);
  while (idle_.empty() && open_ >= config_.pool_size) {
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        open_ >= config_.pool_size) {
      ++wait_timeouts_;
      return absl::UnavailableError(
          absl::StrCat("database pool exhausted: no connection free after ",
                       absl::FormatDuration(config_.pool_wait)));
    }
  }
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    ++in_use_;
    lock.unlock();
    if (absl::Now() - c->last_used() < kPingAfterIdle || c->Ping()) return c;
    // Stale: replace it with a fresh one.
    lock.lock();
    --in_use_;
    --open_;
  }
  ++open_;
  ++in_use_;
  lock.unlock();
  auto fresh = Connection::Open(config_);
  if (!fresh.ok()) {
    std::lock_guard<std::mutex> relock(mu_);
    --open_;
    --in_use_;
    freed_.notify_one();
  }
  return fresh;
}

void Pool::Release(std::unique_ptr<Connection> connection) {
  std::lock_guard<std::mutex> lock(mu_);
  --in_use_;
  if (connection->broken()) {
    --open_;
  } else {
    connection->Touch();
    idle_.push_back(std::move(connection));
  }
  freed_.notify_one();
}

absl::Status Pool::Run(const std::function<absl::Status(Session&)>& fn) {
  auto c = Acquire();
  if (!c.ok()) return c.status();
  Session session(**c);
  absl::Status status = fn(session);
  ReleaseHeld(session, **c);
  Release(std::move(*c));
  Raise(session.signals());  // autocommit: what succeeded is committed
  return status;
}

absl::Status Pool::Transaction(const std::function<absl::Status(Session&)>& fn) {
  absl::Status status;
  for (int attempt = 1; attempt <= config_.transaction_attempts; ++attempt) {
    std::vector<std::string> signals;
    auto c = Acquire();
    if (!c.ok()) return c.status();
    Connection& conn = **c;
    status = conn.Begin();
    if (status.ok()) {
      Session session(conn);
      status = fn(session);
      if (status.ok()) {
        status = conn.Commit();
      }
      if (!status.ok()) conn.Rollback();
      if (status.ok()) signals = session.signals();
      ReleaseHeld(session, conn);
    }
    Release(std::move(*c));
    Raise(signals);
    if (status.code() != absl::StatusCode::kAborted) return status;
    // Deadlock or lock wait timeout: back off briefly and run it again.
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt * attempt));
  }
  return absl::AbortedError(absl::StrCat("transaction conflict persisted after ",
                                         config_.transaction_attempts,
                                         " attempts: ", status.message()));
}

void Pool::ReleaseHeld(const Session& session, Connection& connection) {
  if (!session.holds_keys()) return;
  if (!connection.Query("SELECT RELEASE_ALL_LOCKS()", {}).ok()) connection.MarkBroken();
}

absl::StatusOr<Rows> Pool::Query(const std::string& sql, const Params& params) {
  return RunFor([&](Session& s) { return s.Query(sql, params); });
}

absl::StatusOr<uint64_t> Pool::Execute(const std::string& sql, const Params& params) {
  return RunFor([&](Session& s) { return s.Execute(sql, params); });
}

int Pool::Subscribe(const std::string& signal, std::function<void()> fn) {
  std::lock_guard<std::mutex> lock(signals_mu_);
  subscribers_[next_subscriber_] = {signal, std::move(fn)};
  return next_subscriber_++;
}

void Pool::Unsubscribe(int id) {
  std::lock_guard<std::mutex> lock(signals_mu_);
  subscribers_.erase(id);
}

void Pool::Raise(const std::vector<std::string>& signals) {
  if (signals.empty()) return;
  std::lock_guard<std::mutex> lock(signals_mu_);
  for (const auto& [id, sub] : subscribers_) {
    for (const auto& s : signals) {
      if (sub.first == s) sub.second();
    }
  }
}

PoolStats Pool::Stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return {config_.pool_size, in_use_, static_cast<int>(idle_.size()), wait_timeouts_};
}

}  // namespace engage::mysql
