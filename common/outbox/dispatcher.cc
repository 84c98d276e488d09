#include "common/outbox/dispatcher.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "common/log/log.h"
#include "common/outbox/outbox_gauges.h"
#include "common/status/status_macros.h"

namespace engage::outbox {

namespace {
// Bounds one run of a tenant: it ends when a pass delivers nothing new.
constexpr int kMaxPasses = 1000;

double DefaultRandom() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}
}  // namespace

Dispatcher::Dispatcher(Store& store, DeliverFn deliver, const Clock& clock, Options options)
    : store_(store), deliver_(std::move(deliver)), clock_(clock), options_(std::move(options)) {
  if (!options_.random) options_.random = DefaultRandom;
  if (options_.batch <= 0) options_.batch = 100;
}

Dispatcher::~Dispatcher() {
  Stop();
  ForgetCounts(store_.name());
}

absl::StatusOr<Record> Dispatcher::Attempt(const Message& claimed) {
  Message m = claimed;
  m.last_attempt = GivesUp(options_.retry, m.attempts + 1);
  ASSIGN_OR_RETURN(const Outcome outcome, deliver_(m));
  Record rec;
  switch (outcome.kind) {
    case Outcome::Kind::kSent:
      rec.state = State::kSent;
      break;
    case Outcome::Kind::kRefused:
      rec.state = State::kFailed;
      rec.error = outcome.error;
      break;
    case Outcome::Kind::kRetry:
      rec.error = outcome.error;
      if (m.last_attempt) {
        rec.state = State::kFailed;
      } else {
        rec.state = State::kPending;
        rec.next_attempt =
            clock_.Now() + BackoffDelay(options_.retry, m.attempts + 1, options_.random());
      }
      break;
  }
  if (rec.state == State::kFailed) {
    log::Warn(
        "outbox message given up",
        {{"outbox", store_.name()}, {"tenant", m.tenant}, {"id", m.id}, {"error", rec.error}});
  }
  return rec;
}

absl::StatusOr<Dispatcher::Result> Dispatcher::RunOnce(const std::string& tenant) {
  return RunTenant(tenant, kMaxPasses * options_.batch, absl::InfiniteFuture());
}

absl::StatusOr<Dispatcher::Result> Dispatcher::RunTenant(const std::string& tenant,
                                                         int max_messages, absl::Time deadline) {
  Result result;
  int claimed = 0;
  for (int pass = 0; pass < kMaxPasses && !stopping_; ++pass) {
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(auto due, store_.Due(tenant, now, options_.batch));
    if (due.empty()) break;
    bool progress = false;
    for (const auto& id : due) {
      if (stopping_) break;  // safe point: nothing claimed between messages
      // SEC-11: the turn ends after max_messages or at the deadline (real
      // time spent here, whatever clock_ says), never before one message.
      if (claimed > 0 && (claimed >= max_messages || absl::Now() >= deadline)) return result;
      ++claimed;
      // A fresh time per claim: it starts the claim's lease.
      ASSIGN_OR_RETURN(auto processed,
                       store_.Process(tenant, id, std::max(now, clock_.Now()),
                                      [&](const Message& m) { return Attempt(m); }));
      if (processed == Store::Processed::kDelivered) {
        ++result.delivered;
        progress = true;
      } else if (processed == Store::Processed::kFailed) {
        ++result.failed;
      } else if (processed == Store::Processed::kGaveUp) {
        ++result.failed;
        progress = true;  // its key's next message may go now
      }
    }
    if (!progress) break;
  }
  return result;
}

absl::StatusOr<Dispatcher::Result> Dispatcher::RunAll() {
  ASSIGN_OR_RETURN(auto total, RunTenants());
  PublishGauges();
  PurgeSent();
  return total;
}

absl::StatusOr<Dispatcher::Result> Dispatcher::RunTenants() {
  ASSIGN_OR_RETURN(auto tenants, store_.TenantsWithPending());
  Result total;
  const size_t first = tenants.empty() ? 0 : next_first_tenant_++ % tenants.size();
  for (size_t i = 0; i < tenants.size(); ++i) {
    if (stopping_) break;
    const std::string& tenant = tenants[(first + i) % tenants.size()];
    // One batch or the wall-time budget, whichever first.
    auto r = RunTenant(tenant, options_.batch, absl::Now() + options_.tenant_budget);
    if (!r.ok()) {
      ++total.tenants_failed;
      log::Warn("outbox run of a tenant failed",
                {{"outbox", store_.name()}, {"tenant", tenant}, {"error", r.status().ToString()}});
      continue;
    }
    total.delivered += r->delivered;
    total.failed += r->failed;
  }
  return total;
}

void Dispatcher::PublishGauges() {
  auto counts = store_.AllCounts();
  if (counts.ok()) {
    PublishCounts(store_.name(), *counts);
  } else {
    log::Warn("outbox counts failed",
              {{"outbox", store_.name()}, {"error", counts.status().ToString()}});
  }
}

void Dispatcher::PurgeSent() {
  if (options_.keep_sent <= absl::ZeroDuration()) return;
  // SEC-11: one batch per run, so the purge never holds the deliveries up
  // for long; a backlog goes away over the next runs.
  auto purged = store_.PurgeSent(clock_.Now() - options_.keep_sent, options_.purge_batch);
  if (!purged.ok()) {
    log::Warn("outbox purge of sent messages failed",
              {{"outbox", store_.name()}, {"error", purged.status().ToString()}});
  }
}

void Dispatcher::Start(absl::Duration interval) {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  {
    std::lock_guard<std::mutex> wake_lock(wake_mu_);
    quit_ = false;
    woken_ = false;
  }
  watch_ = store_.WatchEnqueues([this] { Wake(); });
  thread_ = std::thread([this, interval] { Loop(interval); });
}

void Dispatcher::Wake() {
  {
    std::lock_guard<std::mutex> lock(wake_mu_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

void Dispatcher::Loop(absl::Duration interval) {
  using SteadyClock = std::chrono::steady_clock;
  const auto tick = absl::ToChronoMilliseconds(interval);
  const auto poll = absl::ToChronoMilliseconds(options_.poll_interval);
  auto next_tick = SteadyClock::now();  // the first run at once
  auto poll_wait = poll;
  std::unique_lock<std::mutex> lock(wake_mu_);
  while (!quit_) {
    const bool woken = woken_;
    woken_ = false;
    const bool ticked = SteadyClock::now() >= next_tick;
    lock.unlock();
    bool run = woken || ticked;
    bool polled = false;
    if (!run && poll.count() > 0) {
      auto due = store_.AnyDue(clock_.Now());  // an error waits for the tick, which logs
      run = polled = due.ok() && *due;
    }
    if (run) {
      auto r = ticked ? RunAll() : RunTenants();
      if (!r.ok()) {
        log::Warn("outbox run failed",
                  {{"outbox", store_.name()}, {"error", r.status().ToString()}});
      }
      const bool progress = r.ok() && r->delivered + r->failed > 0;
      if (progress || woken) poll_wait = poll;
      if (polled && !progress) poll_wait = std::min<decltype(poll)>(poll_wait * 2, tick);
      if (ticked) next_tick = SteadyClock::now() + tick;
    }
    lock.lock();
    if (quit_ || woken_) continue;
    auto until = next_tick;
    if (poll.count() > 0) until = std::min(until, SteadyClock::now() + poll_wait);
    wake_cv_.wait_until(lock, until, [this] { return quit_ || woken_; });
  }
}

void Dispatcher::Stop() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (watch_ >= 0) store_.Unwatch(watch_);
    watch_ = -1;
    thread = std::move(thread_);
    stopping_ = true;
    std::lock_guard<std::mutex> wake_lock(wake_mu_);
    quit_ = true;
  }
  wake_cv_.notify_all();
  if (thread.joinable()) thread.join();  // outside mu_: the run reaches a safe point
  std::lock_guard<std::mutex> lock(mu_);
  if (!thread_.joinable()) stopping_ = false;  // RunOnce from an RPC may run again
}

}  // namespace engage::outbox
