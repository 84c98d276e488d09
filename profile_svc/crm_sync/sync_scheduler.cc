#include "profile_svc/crm_sync/sync_scheduler.h"

#include "common/log/log.h"

namespace engage::profile::sync {

SyncScheduler::SyncScheduler(SyncStore& store, SyncRunner& runner, const Clock& clock,
                             absl::Duration tick)
    : store_(store), runner_(runner), clock_(clock), tick_(tick) {}

SyncScheduler::~SyncScheduler() { Stop(); }

void SyncScheduler::Start() {
  if (tick_ <= absl::ZeroDuration() || ticks_ != nullptr) return;
  ticks_ = std::make_unique<PeriodicTask>(tick_, [this] { RunDue(); });
}

void SyncScheduler::Stop() { ticks_.reset(); }

void SyncScheduler::RunDue() {
  auto due = store_.DueOrgs(clock_.Now());
  if (!due.ok()) {
    log::Warn("sync scheduler cannot list due orgs",
              {{"error", std::string(due.status().message())}});
    return;
  }
  // Parked runs first (issue 18): a replica that stopped left them to any
  // other; an org whose run is only queued on a live replica is skipped
  // (its lock is held: ABORTED).
  auto queued = store_.QueuedOrgs();
  if (queued.ok()) due->insert(due->begin(), queued->begin(), queued->end());
  for (const auto& [tenant, org] : *due) {
    auto run = runner_.RunToEnd(tenant, org, Trigger::kSchedule, false);
    if (!run.ok() && !absl::IsAborted(run.status()) && !absl::IsFailedPrecondition(run.status())) {
      log::Warn("scheduled sync did not start",
                {{"tenant", tenant}, {"org", org}, {"error", std::string(run.status().message())}});
    }
  }
}

}  // namespace engage::profile::sync
