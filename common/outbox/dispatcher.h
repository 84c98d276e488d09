#ifndef ENGAGE_COMMON_OUTBOX_DISPATCHER_H_
#define ENGAGE_COMMON_OUTBOX_DISPATCHER_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/outbox.h"
#include "common/outbox/retry_policy.h"
#include "common/time/clock.h"

namespace engage::outbox {

// SEC-11: a tenant's share of one run (Dispatcher::Options::tenant_budget).
inline constexpr absl::Duration kDefaultTenantBudget = absl::Seconds(2);
// How often a running dispatcher asks the store whether anything is due
// (Store::AnyDue): what another replica enqueued waits about this long.
inline constexpr absl::Duration kDefaultPollInterval = absl::Milliseconds(50);

// Delivers one outbox: every due message, in order per key, through the
// user's DeliverFn, recording each outcome after it (see outbox.h for the
// guarantees). After every RunAll it refreshes the outbox's gauges
// (engage_outbox_messages).
//
// Started, it runs on a thread of its own: at once when a commit of this
// process enqueued into its outbox (Store::WatchEnqueues), when the poll
// says something is due (Store::AnyDue, every Options::poll_interval), and
// every `interval` in any case (backoffs that end, gauges). A run the poll
// started that delivered nothing (what it saw was another replica's, or not
// deliverable) doubles the wait before the next poll, up to `interval`.
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
    // Start: the poll for what other replicas enqueued; zero turns it off.
    absl::Duration poll_interval = kDefaultPollInterval;
    // How long sent messages are kept: RunAll (every `interval` of a started
    // dispatcher) deletes up to `purge_batch` of those sent longer ago
    // (Store::PurgeSent). Zero keeps them forever.
    absl::Duration keep_sent = absl::ZeroDuration();
    int purge_batch = 1000;
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
  // gauges and purges sent messages past Options::keep_sent. SEC-11: a turn is bounded by
  // Options::tenant_budget, the order starts at an offset that rotates every run (no tenant is
  // always first), and one tenant's error is logged and counted, never the end of the others' turn.
  absl::StatusOr<Result> RunAll();

  // Runs on a thread of its own until Stop: at once, on every enqueue this
  // process commits, when the poll finds work, and every `interval`.
  void Start(absl::Duration interval);
  // A run as soon as possible (a started dispatcher; what an enqueue's commit
  // calls).
  void Wake();
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
  // RunAll without the gauges (runs between two ticks).
  absl::StatusOr<Result> RunTenants();
  void PublishGauges();
  void PurgeSent();
  void Loop(absl::Duration interval);

  Store& store_;
  DeliverFn deliver_;
  const Clock& clock_;
  Options options_;
  std::atomic<bool> stopping_{false};
  size_t next_first_tenant_ = 0;  // RunAll's rotating start (runs do not overlap)
  std::mutex mu_;                 // guards thread_, watch_; Start and Stop
  std::thread thread_;
  int watch_ = -1;
  std::mutex wake_mu_;  // guards woken_, quit_
  std::condition_variable wake_cv_;
  bool woken_ = false;
  bool quit_ = false;
};

}  // namespace engage::outbox

#endif  // ENGAGE_COMMON_OUTBOX_DISPATCHER_H_
