#ifndef ENGAGE_PROMOMATS_SVC_DISPATCHER_H_
#define ENGAGE_PROMOMATS_SVC_DISPATCHER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/dispatcher.h"
#include "common/outbox/outbox.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "promomats_svc/notification_sink.h"
#include "promomats_svc/target_vault.h"

namespace engage::promomats {

// Delivers promomats_svc's outbox (pmx_deliveries, pmx_deliveries.h) to the
// target vaults through common/outbox's Dispatcher: in order per document
// and target, claimed safely by many replicas, retried with backoff (given
// up after `retry.max_attempts` failures when that is set), gauges
// engage_outbox_messages{outbox="pmx_deliveries"}.
//
// One delivery attempt: the target applies the change (idempotent by change
// id), then the owner's notification is written (PMX-13, NotificationFor;
// idempotent by delivery), then the outbox records the attempt. A crash
// anywhere before that record replays the attempt, which changes the target
// and notifies the owner once (issue 18).
class Dispatcher {
 public:
  using Result = outbox::Dispatcher::Result;

  Dispatcher(outbox::Store& deliveries, TargetVault& target, NotificationSink& notes,
             const Clock& clock, IdGenerator& ids, outbox::RetryPolicy retry,
             absl::Duration poll_interval = outbox::kDefaultPollInterval);
  Dispatcher(outbox::Store& deliveries, TargetVault& target, NotificationSink& notes,
             const Clock& clock, IdGenerator& ids)
      : Dispatcher(deliveries, target, notes, clock, ids, DefaultRetry()) {}

  // Deliveries retry from 1 s doubling to 5 min, and are never given up.
  static outbox::RetryPolicy DefaultRetry();

  // Delivers what is due for one tenant now, until nothing more is.
  absl::StatusOr<Result> RunOnce(const std::string& tenant) { return outbox_.RunOnce(tenant); }
  // RunOnce for every tenant with pending deliveries, then the gauges.
  absl::StatusOr<Result> RunAll() { return outbox_.RunAll(); }

  // Runs on a thread of its own until Stop: at once on every delivery this
  // process queues, when the poll finds another replica's, and every `interval`.
  void Start(absl::Duration interval) { outbox_.Start(interval); }
  // The delivery under way finishes and is recorded; no further one starts.
  void Stop() { outbox_.Stop(); }

 private:
  absl::StatusOr<outbox::Outcome> Deliver(const outbox::Message& m);

  TargetVault& target_;
  NotificationSink& notes_;
  const Clock& clock_;
  IdGenerator& ids_;
  outbox::Dispatcher outbox_;  // last: its thread uses the members above
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_DISPATCHER_H_
