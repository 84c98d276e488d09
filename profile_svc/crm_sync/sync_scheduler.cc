#include "profile_svc/crm_sync/sync_scheduler.h"

#include "common/log/log.h"

namespace engage::profile::sync {

SyncScheduler::SyncScheduler(SyncStore& store, SyncRunner& runner, const Clock& clock,
                             absl::Duration tick)
    : store_(store), runner_(runner), clock_(clock), tick_(tick) {}

SyncScheduler::~SyncScheduler() { Stop(); }

void SyncScheduler::Start() {
  if (tick_ <= absl::ZeroDuration()) return;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!wake_.wait_for(lock, absl::ToChronoMilliseconds(tick_), [this] { return stop_; })) {
      lock.unlock();
      RunDue();
      lock.lock();
    }
  });
}

void SyncScheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncScheduler::RunDue() {
  auto due = store_.DueOrgs(clock_.Now());
  if (!due.ok()) {
    log::Warn("sync scheduler cannot list due orgs",
              {{"error", std::string(due.status().message())}});
    return;
  }
  for (const auto& [tenant, org] : *due) {
    auto run = runner_.RunToEnd(tenant, org, Trigger::kSchedule, false);
    if (!run.ok() && !absl::IsAborted(run.status()) && !absl::IsFailedPrecondition(run.status())) {
      log::Warn("scheduled sync did not start",
                {{"tenant", tenant}, {"org", org}, {"error", std::string(run.status().message())}});
    }
  }
}

}  // namespace engage::profile::sync
