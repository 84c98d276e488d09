#ifndef ENGAGE_COMMON_OUTBOX_DISPATCHER_H_
#define ENGAGE_COMMON_OUTBOX_DISPATCHER_H_

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/outbox.h"
#include "common/outbox/retry_policy.h"
#include "common/time/clock.h"
#include "common/time/periodic_task.h"

namespace engage::outbox {

// SEC-11: a tenant's share of one run (Dispatcher::Options::tenant_budget).
inline constexpr absl::Duration kDefaultTenantBudget = absl::Seconds(2);

// Delivers one outbox: every due message, in order per key, through the
// user's DeliverFn, recording each outcome in the transaction of its claim
// (see outbox.h for the guarantees). After every RunAll it refreshes the
// outbox's gauges (engage_outbox_messages).
class Dispatcher {
 public:
  struct Options {
    RetryPolicy retry;
    int batch = 100;  // messages read per pass
    // Uniform in [0, 1) for the backoff's jitter; injectable for tests.
    std::function<double()> random;
    // SEC-11: RunAll gives each tenant at most one batch or this much wall
    // time, whichever ends first, then moves to the next tenant; the rest
    // waits for the next run. Bounds how long a slow receiver delays others
    // (by about one budget plus one delivery, which still runs inside its
    // claim's transaction).
    absl::Duration tenant_budget = kDefaultTenantBudget;
  };
  struct Result {
    int delivered = 0;
    int failed = 0;          // attempts that failed (retried or given up)
    int tenants_failed = 0;  // RunAll: tenants whose run stopped on an error
  };

  Dispatcher(Store& store, DeliverFn deliver, const Clock& clock, Options options);
  Dispatcher(Store& store, DeliverFn deliver, const Clock& clock)
      : Dispatcher(store, std::move(deliver), clock, Options()) {}
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // Delivers what is due for one tenant now, until nothing more is (or Stop).
  absl::StatusOr<Result> RunOnce(const std::string& tenant);
  // One turn for every tenant with pending messages, then refreshes the
  // gauges. SEC-11: a turn is bounded by Options::tenant_budget, the order
  // starts at an offset that rotates every run (no tenant is always first),
  // and one tenant's error is logged and counted, never the end of the
  // others' turn.
  absl::StatusOr<Result> RunAll();

  // Runs RunAll every `interval` on a thread of its own until Stop.
  void Start(absl::Duration interval);
  // Safe point: the delivery under way finishes and is recorded, no further
  // message is claimed, and Stop returns when the run has ended. A stopped
  // dispatcher can be started again.
  void Stop();

  const RetryPolicy& retry() const { return options_.retry; }
  Store& store() { return store_; }

 private:
  absl::StatusOr<Record> Attempt(const Message& m);
  // Delivers due messages of `tenant`: at most `max_messages` claims, and
  // none begun after `deadline` (wall time), but always at least one.
  absl::StatusOr<Result> RunTenant(const std::string& tenant, int max_messages,
                                   absl::Time deadline);

  Store& store_;
  DeliverFn deliver_;
  const Clock& clock_;
  Options options_;
  std::atomic<bool> stopping_{false};
  size_t next_first_tenant_ = 0;  // RunAll's rotating start (runs do not overlap)
  std::mutex mu_;                 // guards runs_
  std::unique_ptr<PeriodicTask> runs_;
};

}  // namespace engage::outbox

#endif  // ENGAGE_COMMON_OUTBOX_DISPATCHER_H_
