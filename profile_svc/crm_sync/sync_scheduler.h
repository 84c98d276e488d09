#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_SCHEDULER_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_SCHEDULER_H_

#include <memory>

#include "absl/time/time.h"
#include "common/time/periodic_task.h"
#include "profile_svc/crm_sync/sync_runner.h"

namespace engage::profile::sync {

// Starts the scheduled syncs (SYN-01): every tick, each org whose interval has
// passed since its last start is synced to the end. With several replicas
// each asks; the run lock lets one through per org and the others skip.
// Each tick also resumes the runs a stopping replica parked (SyncRunner).
class SyncScheduler {
 public:
  SyncScheduler(SyncStore& store, SyncRunner& runner, const Clock& clock, absl::Duration tick);
  ~SyncScheduler();
  void Start();
  void Stop();
  // One pass over the due orgs (the tick calls it; tests call it directly).
  void RunDue();

 private:
  SyncStore& store_;
  SyncRunner& runner_;
  const Clock& clock_;
  absl::Duration tick_;
  std::unique_ptr<PeriodicTask> ticks_;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_SCHEDULER_H_
