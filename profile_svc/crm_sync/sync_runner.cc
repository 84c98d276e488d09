#include "profile_svc/crm_sync/sync_runner.h"

#include <algorithm>
#include <future>
#include <iterator>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"
#include "profile_svc/crm_sync/integration_secret.h"

namespace engage::profile::sync {
namespace {

// Incremental runs re-read a little before the last successful start, so a
// profile change committed late with an earlier timestamp is never missed;
// writing a record twice is harmless.
constexpr absl::Duration kWatermarkMargin = absl::Minutes(5);
constexpr int kFeedPage = 1000;
constexpr int kMaxBatch = 4000;
// What WriteAll answers when RequestStop came: the run parks (Execute).
constexpr absl::string_view kStopped = "stopped at a safe point (the replica is stopping)";
bool IsStop(const absl::Status& st) { return absl::IsCancelled(st) && st.message() == kStopped; }
// Feed changes per mirror write: one page. Writing five pages at once was
// measured no faster (the rows cost the same) and let the reads show again.
constexpr size_t kMirrorWrite = kFeedPage;

const char* ActionOf(const WriteResult& r, bool active_change) {
  if (!r.ok) return "failed";
  return r.created ? "created" : (active_change ? "updated" : "updated");
}

// `st` with `what` before its message: the run's message says which phase failed.
absl::Status Because(absl::string_view what, const absl::Status& st) {
  return st.ok() ? st : absl::Status(st.code(), absl::StrCat(what, st.message()));
}
template <typename T>
absl::StatusOr<T> Because(absl::string_view what, absl::StatusOr<T> value) {
  if (!value.ok()) return Because(what, value.status());
  return value;
}

}  // namespace

SyncRunner::SyncRunner(SyncStore& store, CrmStore& crm, ConnectionFeed& feed, const Clock& clock,
                       IdGenerator& ids, const crypto::SecretBox& secrets, int batch_size,
                       int workers, int queue_capacity)
    : store_(store),
      crm_(crm),
      feed_(feed),
      clock_(clock),
      ids_(ids),
      secrets_(secrets),
      // A profile batch is one statement of 16 parameters per record; MariaDB
      // takes at most 65,535 parameters in one prepared statement.
      batch_size_(std::clamp(batch_size, 1, kMaxBatch)),
      workers_(std::make_unique<work::FairWorkers>(workers, queue_capacity, "crm_sync")) {}

SyncRunner::~SyncRunner() { Stop(); }

void SyncRunner::Wait() {
  if (workers_ != nullptr) workers_->Drain();
}

absl::StatusOr<SyncRunner::Begun> SyncRunner::Begin(const std::string& tenant,
                                                    const std::string& org_id, Trigger trigger,
                                                    bool force_full, RunStatus initial) {
  RETURN_IF_ERROR(store_.RequireOrg(tenant, org_id));
  // SYN-07: one sync of an org at a time, across every replica.
  ASSIGN_OR_RETURN(std::unique_ptr<RunLock> lock, store_.TryLock(tenant, org_id));
  const absl::Time now = clock_.Now();
  // SYN-12: a run left RUNNING by a dead process is over; this run completes its work.
  RETURN_IF_ERROR(store_.FailInterrupted(tenant, org_id, now));
  ASSIGN_OR_RETURN(std::vector<Job> history, store_.History(tenant, org_id, kHistoryKept));
  std::vector<PastRun> past;
  for (const Job& r : history) past.push_back({r.start_time, r.status});
  auto post_processing = feed_.PostProcessingRunning(tenant);
  if (!post_processing.ok()) {
    return absl::UnavailableError(
        absl::StrCat("cannot reach connection_svc to check the "
                     "post-processing job: ",
                     post_processing.status().message()));
  }
  // A QUEUED run under our lock was parked or dropped by a stopping replica:
  // it started already by SYN-07's count, so only the post-processing job
  // may hold it back. This run is that one, resumed.
  auto resumed = Resume(history, initial);
  if (resumed.ok()) {
    RETURN_IF_ERROR(MayStart({}, now, *post_processing));
    RETURN_IF_ERROR(store_.UpdateRun(*resumed));
    log::Info("sync resumed", {{"tenant", tenant},
                               {"org", org_id},
                               {"run", resumed->run_id},
                               {"done", absl::StrCat(resumed->done)}});
    return Begun{std::move(lock), *resumed};
  }
  RETURN_IF_ERROR(MayStart(past, now, *post_processing));

  Job run;
  run.tenant = tenant;
  run.org_id = org_id;
  run.run_id = ids_.Next();
  run.trigger = trigger;
  run.mode = ChooseMode(past, now, force_full);
  run.status = initial;
  run.start_time = now;
  RETURN_IF_ERROR(store_.CreateRun(run));
  return Begun{std::move(lock), run};
}

absl::StatusOr<Job> SyncRunner::Resume(const std::vector<Job>& history, RunStatus initial) {
  for (const Job& r : history) {
    if (r.status != RunStatus::kQueued) continue;
    Job run = r;
    run.status = initial;
    run.message.clear();
    return run;
  }
  return absl::NotFoundError("no parked run");
}

absl::StatusOr<Job> SyncRunner::Start(const std::string& tenant, const std::string& org_id,
                                      Trigger trigger, bool force_full) {
  // Refused before anything is recorded when the queue is full; a concurrent
  // Start may still take the last room, then this run is recorded as failed.
  if (workers_ == nullptr) return absl::UnavailableError("shutting down; try another replica");
  if (!workers_->HasRoom()) {
    return absl::ResourceExhaustedError(
        "SEC-11: this replica's sync queue is full; try again in a minute");
  }
  ASSIGN_OR_RETURN(Begun begun, Begin(tenant, org_id, trigger, force_full, RunStatus::kQueued));
  Job queued = begun.run;
  auto shared = std::make_shared<Begun>(std::move(begun));
  absl::Status submitted = workers_->Submit(tenant, [this, shared] {
    shared->run.status = RunStatus::kRunning;
    // A resumed run keeps its start: its watermarks are that start's.
    if (shared->run.done == 0) shared->run.start_time = clock_.Now();
    if (auto st = store_.UpdateRun(shared->run); !st.ok()) {
      log::Warn("could not record that a queued sync started",
                {{"run", shared->run.run_id}, {"error", st.ToString()}});
    }
    Execute(std::move(*shared));
  });
  if (!submitted.ok()) {
    Finish(*shared, RunStatus::kFailure, std::string(submitted.message()));
    return submitted;
  }
  return queued;
}

// Called once the server serves no more calls, so no Start races it.
void SyncRunner::Stop() { workers_.reset(); }

absl::StatusOr<Job> SyncRunner::RunToEnd(const std::string& tenant, const std::string& org_id,
                                         Trigger trigger, bool force_full) {
  ASSIGN_OR_RETURN(Begun begun, Begin(tenant, org_id, trigger, force_full, RunStatus::kRunning));
  return Execute(std::move(begun));
}

void SyncRunner::Finish(Begun& begun, RunStatus status, const std::string& message) {
  Job& run = begun.run;
  run.status = status;
  run.message = message;
  run.end_time = clock_.Now();
  // A run that failed because the database went away (a restart) is
  // recorded once it is back, not left RUNNING until the org's next sync.
  if (auto st = Record(run, stopping_ ? kRecordWhileStopping : kRecordPatience); !st.ok()) {
    log::Error("could not record the end of a sync",
               {{"run", run.run_id}, {"error", std::string(st.message())}});
  }
  (void)store_.Prune(run.tenant, run.org_id, kHistoryKept);
  log::Info("sync finished", {{"tenant", run.tenant},
                              {"org", run.org_id},
                              {"run", run.run_id},
                              {"mode", run.mode == Mode::kFull ? "full" : "incremental"},
                              {"written", absl::StrCat(run.written)},
                              {"failed", absl::StrCat(run.failed)},
                              {"message", message}});
  begun.lock.reset();  // the org is free for its next sync (SYN-07)
}
void SyncRunner::Park(Begun& begun) {
  Job& run = begun.run;
  run.status = RunStatus::kQueued;
  run.message = absl::StrCat(kStopped, " after ", run.done, " of ", run.total,
                             " records; the org's next sync resumes it");
  if (auto st = Record(run, kRecordWhileStopping); !st.ok()) {
    // Left RUNNING: the org's next sync records it as interrupted (SYN-12).
    log::Error("could not park a stopped sync",
               {{"run", run.run_id}, {"error", std::string(st.message())}});
  }
  log::Info("sync parked", {{"tenant", run.tenant},
                            {"org", run.org_id},
                            {"run", run.run_id},
                            {"done", absl::StrCat(run.done)},
                            {"total", absl::StrCat(run.total)}});
  begun.lock.reset();
}

absl::Status SyncRunner::Record(const Job& run, absl::Duration patience) {
  const absl::Time until = absl::Now() + patience;
  absl::Duration pause = absl::Milliseconds(100);
  absl::Status st = store_.UpdateRun(run);
  while (!st.ok() && absl::Now() + pause < until) {
    absl::SleepFor(pause);
    pause = std::min(pause * 2, absl::Seconds(2));
    st = store_.UpdateRun(run);
  }
  return st;
}

absl::StatusOr<int64_t> SyncRunner::CatchUpFeed(const std::string& tenant) {
  ASSIGN_OR_RETURN(const int64_t cursor, store_.FeedCursor(tenant));
  // The next page is read from connection_svc while the changes read so far
  // are written to the mirror: writing to the mirror is the slow half, the
  // read is hidden behind it.
  auto read = [this, &tenant](int64_t after) { return feed_.Read(tenant, after, kFeedPage); };
  std::vector<MirroredConnection> pending;
  int64_t pending_to = cursor;
  absl::Duration applying, waiting;  // for the log: where the feed's time goes
  int pages = 0;
  auto page = read(pending_to);
  while (true) {
    if (!page.ok()) return page.status();
    const bool end = page->changes.empty();
    std::future<absl::StatusOr<ConnectionFeed::Page>> next;
    if (!end) {
      ++pages;
      pending_to = page->last_sequence;
      std::move(page->changes.begin(), page->changes.end(), std::back_inserter(pending));
      next = std::async(std::launch::async, read, pending_to);
    }
    if (!pending.empty() && (end || pending.size() >= kMirrorWrite)) {
      const absl::Time t0 = absl::Now();
      absl::Status applied = store_.ApplyFeed(tenant, pending, pending_to);
      applying += absl::Now() - t0;
      RETURN_IF_ERROR(applied);  // `next`'s destructor waits for its read
      pending.clear();
    }
    if (end) break;
    const absl::Time t1 = absl::Now();
    page = next.get();
    waiting += absl::Now() - t1;
  }
  if (pages > 0) {
    log::Info("sync feed caught up",
              {{"tenant", tenant},
               {"pages", absl::StrCat(pages)},
               {"apply_seconds", absl::StrCat(absl::ToDoubleSeconds(applying))},
               {"wait_seconds", absl::StrCat(absl::ToDoubleSeconds(waiting))}});
  }
  return pending_to;
}

template <typename Item, typename WriteFn>
absl::Status SyncRunner::WriteAll(Job& run, RunLock& lock, const std::string& object,
                                  const std::vector<Item>& items, bool had_failures,
                                  WriteFn write) {
  std::vector<absl::Time> times;
  std::vector<std::string> actions;
  for (size_t at = 0; at < items.size(); at += static_cast<size_t>(batch_size_)) {
    // The safe point: every batch before this one committed with its log.
    if (stopping_) return absl::CancelledError(kStopped);
    std::vector<Item> batch(
        items.begin() + at,
        items.begin() + std::min(items.size(), at + static_cast<size_t>(batch_size_)));
    // One unit of work per batch: the proof that this run still holds the
    // org's lock, the CRM write, and its log lines, failure counts and
    // progress commit together (SYN-07, SYN-12). `next` is recomputed by each
    // attempt (a deadlock re-runs it).
    Job next = run;
    absl::Status written = store_.Atomically([&](UnitOfWork& work) -> absl::Status {
      next = run;
      RETURN_IF_ERROR(lock.StillHeld(work));
      ASSIGN_OR_RETURN(std::vector<WriteResult> results, write(work, batch));
      times.clear();
      actions.clear();
      for (size_t i = 0; i < batch.size(); ++i) {
        const WriteResult& r = results[i];
        times.push_back(batch[i].engage_time);
        actions.push_back(ActionOf(r, false));
        if (r.ok) {
          ++next.written;
        } else {
          ++next.failed;
        }
        ++next.done;
      }
      return store_.RecordBatch(work, next, object, results, times, actions, false, had_failures);
    });
    // Not RETURN_IF_ERROR around the call: the unit's body uses it too.
    if (!written.ok()) return written;
    run = next;
  }
  return absl::OkStatus();
}

// The phases of a run, in order; the first that fails ends it.
absl::Status SyncRunner::RunPhases(Job& run, RunLock& lock, Plan& plan) {
  RETURN_IF_ERROR(CheckIntegrationUser(run));
  ASSIGN_OR_RETURN(plan, PlanWrites(run));
  return WriteRecords(run, lock, plan);
}

Job SyncRunner::Execute(Begun begun) {
  Plan plan;
  absl::Status ran =
      stopping_ ? absl::CancelledError(kStopped) : RunPhases(begun.run, *begun.lock, plan);
  if (IsStop(ran)) {
    Park(begun);
    return begun.run;
  }
  if (!ran.ok()) {
    Finish(begun, RunStatus::kFailure, std::string(ran.message()));
    return begun.run;
  }
  log::Info("sync phases",
            {{"run", begun.run.run_id},
             {"read_seconds", absl::StrCat(absl::ToDoubleSeconds(plan.loaded - plan.started))},
             {"feed_seconds", absl::StrCat(absl::ToDoubleSeconds(plan.fed - plan.started))},
             {"load_seconds", absl::StrCat(absl::ToDoubleSeconds(plan.loaded - plan.fed))},
             {"batch_size", absl::StrCat(batch_size_)},
             {"write_seconds", absl::StrCat(absl::ToDoubleSeconds(absl::Now() - plan.loaded))}});
  Finish(begun, FinalStatus({begun.run.written, begun.run.failed, false}), "");
  return begun.run;
}

absl::Status SyncRunner::CheckIntegrationUser(const Job& run) {
  // SYN-08: the integration user must be configured and sign in. Such a
  // failure is about configuration, so no record counts it (SYN-10).
  ASSIGN_OR_RETURN(Settings settings, Because("could not read the sync settings: ",
                                              store_.GetSettings(run.tenant, run.org_id)));
  if (settings.integration_username.empty()) {
    return absl::FailedPreconditionError("the integration user is not configured");
  }
  return Because("the integration user is not correctly configured: ",
                 SignInAsIntegrationUser(store_, crm_, secrets_, run.tenant, run.org_id, settings));
}

absl::StatusOr<SyncRunner::Plan> SyncRunner::PlanWrites(Job& run) {
  Plan plan;
  plan.started = absl::Now();
  ASSIGN_OR_RETURN(const int64_t cursor,
                   Because("could not read the Engage connection feed: ", CatchUpFeed(run.tenant)));
  absl::Time since_time = absl::InfinitePast();
  int64_t since_sequence = 0;
  if (run.mode == Mode::kIncremental) {
    auto history = store_.History(run.tenant, run.org_id, kHistoryKept + 1);
    if (history.ok()) {
      for (const Job& past : *history) {
        if (past.run_id != run.run_id &&
            (past.status == RunStatus::kSuccess || past.status == RunStatus::kSuccessWithErrors)) {
          since_time = past.profile_watermark - kWatermarkMargin;
          since_sequence = past.feed_watermark;
          break;
        }
      }
    }
  }
  // Records that failed before are retried while SYN-10 allows it.
  auto profile_failures = store_.Failures(run.tenant, run.org_id, kProfileObject);
  auto connection_failures = store_.Failures(run.tenant, run.org_id, kConnectionObject);
  if (!profile_failures.ok() || !connection_failures.ok()) {
    return absl::UnavailableError("could not read the sync's failure records");
  }
  plan.fed = absl::Now();
  plan.profiles_had_failures = !profile_failures->empty();
  plan.connections_had_failures = !connection_failures->empty();
  std::vector<std::string> retry;
  for (const auto& [id, f] : *profile_failures) retry.push_back(id);
  std::vector<std::string> retry_connections;
  for (const auto& [id, f] : *connection_failures) retry_connections.push_back(id);
  // SYN-11: records changed in the CRM are rewritten, incremental runs included.
  ASSIGN_OR_RETURN(
      std::vector<std::string> touched,
      Because("could not read the CRM: ", crm_.TouchedOutsideSync(run.tenant, run.org_id)));
  retry.insert(retry.end(), touched.begin(), touched.end());
  ASSIGN_OR_RETURN(
      Work work, Because("could not read Engage data: ",
                         store_.LoadWork(run.tenant, run.org_id, since_time, since_sequence, retry,
                                         retry_connections, run.start_time)));
  // A resumed run (issue 18) skips what it logged before it was parked.
  std::set<std::string> logged;
  if (run.done > 0) {
    ASSIGN_OR_RETURN(logged, Because("could not read the run's log: ",
                                     store_.LoggedRecords(run.tenant, run.run_id)));
  }
  auto was_logged = [&logged](const std::string& object, const std::string& external_id) {
    return logged.count(absl::StrCat(object, "/", external_id)) > 0;
  };
  // SYN-10: a record given up on is skipped until it changes in Engage.
  std::set<std::string> profiles_retried;  // written again after failing
  for (auto& p : work.profiles) {
    if (was_logged(kProfileObject, p.record.external_id)) continue;
    auto it = profile_failures->find(p.record.external_id);
    if (it == profile_failures->end()) {
      plan.profiles.push_back(std::move(p));
    } else if (ShouldAttempt(it->second, p.engage_time)) {
      profiles_retried.insert(p.record.external_id);
      plan.profiles.push_back(std::move(p));
    }
  }
  for (auto& c : work.connections) {
    if (was_logged(kConnectionObject, c.record.external_id)) continue;
    auto it = connection_failures->find(c.record.external_id);
    if (it == connection_failures->end() ||
        ShouldAttemptReferencing(it->second, c.engage_time,
                                 profiles_retried.count(c.record.to_profile_external_id) > 0)) {
      plan.connections.push_back(std::move(c));
    }
  }
  plan.loaded = absl::Now();
  run.total = run.done + static_cast<int64_t>(plan.profiles.size() + plan.connections.size());
  // A resumed run keeps the watermarks of its first part: a record it logged
  // then and that changed since is the next incremental sync's.
  if (logged.empty()) {
    run.profile_watermark = run.start_time;
    run.feed_watermark = cursor;
  }
  (void)store_.UpdateRun(run);  // SYN-13: the total is visible from here on
  return plan;
}

absl::Status SyncRunner::WriteRecords(Job& run, RunLock& lock, const Plan& plan) {
  const absl::Time now = clock_.Now();
  absl::Status written =
      WriteAll(run, lock, kProfileObject, plan.profiles, plan.profiles_had_failures,
               [&](UnitOfWork& work, const std::vector<ProfileWrite>& b) {
                 return crm_.UpsertProfiles(work, run.tenant, run.org_id, b, now);
               });
  if (written.ok()) {
    written =
        WriteAll(run, lock, kConnectionObject, plan.connections, plan.connections_had_failures,
                 [&](UnitOfWork& work, const std::vector<ConnectionWrite>& b) {
                   return crm_.UpsertConnections(work, run.tenant, run.org_id, b, now);
                 });
  }
  if (IsStop(written)) return written;  // parked: its watermarks stay for the resumed run
  if (!written.ok()) {
    // The CRM (or the sync's own tables) could not be written: the run fails,
    // watermarks stay, and the next run writes everything again.
    run.profile_watermark = absl::InfinitePast();
    run.feed_watermark = 0;
  }
  return Because("could not write to the CRM: ", written);
}

}  // namespace engage::profile::sync
