#ifndef ENGAGE_TESTS_FAULTS_JOB_WATCH_H_
#define ENGAGE_TESTS_FAULTS_JOB_WATCH_H_

// SYN-07 seen from outside: a thread reads the tenant's post-processing row
// and the org's sync runs every 10 ms while the seeded work runs, and keeps
// each post-processing run's span (from its claim, last_start_time, to its
// end: last_end_time when it finished, else its lease's end, the moment
// the sync may go on) and each time a sync run began: a new run first seen,
// or a parked (QUEUED) run seen RUNNING again. A sync that began inside a
// post-processing run's span broke SYN-07. A span or a begin between two
// reads may be missed (the check can miss a breach, never invent one).
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/mysql/pool.h"

namespace engage::testing {

class JobWatch {
 public:
  struct Span {
    std::string holder;
    absl::Time start, end;
    bool finished = false;  // ended by its run (else: its lease's end)
  };
  struct Begin {
    std::string run_id;
    // The run was not there (or not running) at `after`, and was at `by`.
    absl::Time after, by;
  };

  JobWatch(mysql::Pool& pool, std::string tenant, std::string org)
      : pool_(pool), tenant_(std::move(tenant)), org_(std::move(org)) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~JobWatch() { Stop(); }

  void Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }

  // SYN-07: no sync of the org began while a post-processing run of its
  // tenant held its lease. A begin counts from the read before it (minus
  // 50 ms: the sync asks connection_svc, then records its run), so a run
  // that claimed the tenant just after the sync's check is no breach.
  void ExpectNoSyncBeganDuringPostProcessing() {
    Stop();
    for (const Begin& b : begins_) {
      for (const Span& s : spans_) {
        EXPECT_FALSE(s.start < b.after - absl::Milliseconds(50) && b.by < s.end)
            << "sync run " << b.run_id << " began between " << absl::FormatTime(b.after) << " and "
            << absl::FormatTime(b.by) << " while post-processing run " << s.holder
            << " held the tenant from " << absl::FormatTime(s.start) << " to "
            << absl::FormatTime(s.end) << (s.finished ? "" : " (its lease's end)");
      }
    }
  }
  const std::vector<Span>& spans() const { return spans_; }
  const std::vector<Begin>& begins() const { return begins_; }

 private:
  void Loop() {
    absl::Time previous = absl::Now();
    while (!stop_) {
      const absl::Time before = absl::Now();
      Read(previous);
      previous = before;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    Read(previous);
    Close(absl::InfiniteFuture());
  }

  // One read: `after` is when the previous read began. The first one only
  // learns the runs already there (the set-up's).
  void Read(absl::Time after) {
    auto pp = pool_.Query(
        "SELECT state, lease_holder, last_start_time, last_end_time, lease_until FROM "
        "post_processing WHERE tenant_id = ?",
        {tenant_});
    auto runs = pool_.Query(
        "SELECT run_id, status FROM sync_runs WHERE tenant_id = ? AND org_id = ?", {tenant_, org_});
    const absl::Time by = absl::Now();
    if (pp.ok() && !pp->empty()) {
      const auto& r = (*pp)[0];
      const bool running = r.Int(0) == 2 && !r.String(1).empty();
      const std::string holder = running ? r.String(1) : "";
      const absl::Time last_end = r.IsNull(3) ? absl::InfinitePast() : r.Time(3);
      if (open_ && open_->holder != holder) {
        // Its run ended it (last_end_time after its start), or it lost the
        // tenant when its lease lapsed.
        open_->finished = last_end >= open_->start;
        open_->end = open_->finished ? last_end : lease_until_;
        spans_.push_back(*open_);
        open_.reset();
      }
      if (running && !open_) open_ = Span{holder, r.Time(2), absl::InfiniteFuture(), false};
      if (running && !r.IsNull(4)) lease_until_ = r.Time(4);
    }
    if (runs.ok()) {
      for (const auto& r : *runs) {
        const std::string id = r.String(0);
        const int status = static_cast<int>(r.Int(1));  // 0 RUNNING, 4 QUEUED
        auto seen = status_.find(id);
        const bool resumed =
            seen != status_.end() && seen->second == 4 && status == 0 && parked_.count(id) > 0;
        if (primed_ && (seen == status_.end() || resumed)) begins_.push_back({id, after, by});
        if (seen != status_.end() && seen->second == 0 && status == 4) parked_.insert(id);
        status_[id] = status;
      }
      primed_ = true;
    }
  }
  void Close(absl::Time end) {
    if (!open_) return;
    open_->end = end;
    spans_.push_back(*open_);
    open_.reset();
  }

  mysql::Pool& pool_;
  const std::string tenant_, org_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::optional<Span> open_;
  absl::Time lease_until_;
  std::vector<Span> spans_;
  std::vector<Begin> begins_;
  std::map<std::string, int> status_;
  std::set<std::string> parked_;
  bool primed_ = false;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_FAULTS_JOB_WATCH_H_
