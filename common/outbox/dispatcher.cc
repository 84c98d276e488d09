#include "common/outbox/dispatcher.h"

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
      ASSIGN_OR_RETURN(auto processed, store_.Process(tenant, id, now, [&](const Message& m) {
        return Attempt(m);
      }));
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
  auto counts = store_.AllCounts();
  if (counts.ok()) {
    PublishCounts(store_.name(), *counts);
  } else {
    log::Warn("outbox counts failed",
              {{"outbox", store_.name()}, {"error", counts.status().ToString()}});
  }
  return total;
}

void Dispatcher::Start(absl::Duration interval) {
  std::lock_guard<std::mutex> lock(mu_);
  if (runs_ != nullptr) return;
  stopping_ = false;
  runs_ = std::make_unique<PeriodicTask>(
      interval,
      [this] {
        auto r = RunAll();
        if (!r.ok()) {
          log::Warn("outbox run failed",
                    {{"outbox", store_.name()}, {"error", r.status().ToString()}});
        }
      },
      /*run_now=*/true);
}

void Dispatcher::Stop() {
  std::unique_ptr<PeriodicTask> runs;
  {
    std::lock_guard<std::mutex> lock(mu_);
    runs = std::move(runs_);
    stopping_ = true;
  }
  runs.reset();  // outside mu_: waits for the run in progress to reach a safe point
  std::lock_guard<std::mutex> lock(mu_);
  if (runs_ == nullptr) stopping_ = false;  // RunOnce from an RPC may run again
}

}  // namespace engage::outbox
