#ifndef ENGAGE_PROMOMATS_SVC_DISPATCHER_H_
#define ENGAGE_PROMOMATS_SVC_DISPATCHER_H_

#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "common/time/periodic_task.h"
#include "promomats_svc/outbox_store.h"
#include "promomats_svc/target_vault.h"

namespace engage::promomats {

// Delivers the outbox to the target vaults: every due (change, target) in
// order per document and target, recording each result with the claim of the
// delivery. A failed delivery waits Backoff(attempts) and is retried until it
// succeeds, so a target that is down delays its deliveries but loses none;
// the first failure notifies the document's owner, as does every publish and
// withdrawal (PMX-13). Several dispatchers (replicas, or one restarted) may
// run at once: claims skip rows another holds, and targets apply a change id
// only once.
class Dispatcher {
 public:
  struct Result {
    int delivered = 0;
    int failed = 0;
    int tenants_failed = 0;  // RunAll: tenants whose run stopped on an error
  };

  Dispatcher(OutboxStore& outbox, TargetVault& target, const Clock& clock, IdGenerator& ids)
      : outbox_(outbox), target_(target), clock_(clock), ids_(ids) {}
  ~Dispatcher() { Stop(); }

  // Delivers what is due for one tenant now, until nothing more is.
  absl::StatusOr<Result> RunOnce(const std::string& tenant);
  // RunOnce for every tenant with pending deliveries.
  absl::StatusOr<Result> RunAll();

  // Runs RunAll every `interval` on a thread of its own until Stop.
  void Start(absl::Duration interval);
  void Stop();

 private:
  DeliveryRecord Deliver(const Delivery& d);

  OutboxStore& outbox_;
  TargetVault& target_;
  const Clock& clock_;
  IdGenerator& ids_;
  std::mutex mu_;  // guards runs_
  std::unique_ptr<PeriodicTask> runs_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_DISPATCHER_H_
