#include "bench/loadgen/driver.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace engage::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;
constexpr int kCodes = 17;

// State shared by the issuing side and the callbacks of one run.
class Run {
 public:
  Run(CallKind& kind, const LoadOptions& options) : kind_(kind), options_(options) {}

  LoadResult Go(ProcSampler* sampler) {
    std::thread pacer;
    if (options_.mode == LoadOptions::Mode::kClosed) {
      for (int i = 0; i < options_.concurrency; ++i) Issue(SteadyClock::now());
    } else {
      pacer = std::thread([this] { Pace(); });
    }
    std::this_thread::sleep_for(absl::ToChronoNanoseconds(options_.warmup));
    // The measured phase: counters restart, /proc readings start.
    histogram_.Reset();
    for (auto& c : codes_) c.store(0);
    overload_.store(0);
    if (sampler != nullptr) sampler->BeginPhase();
    recording_.store(true);
    auto begin = SteadyClock::now();
    std::this_thread::sleep_for(absl::ToChronoNanoseconds(options_.duration));
    recording_.store(false);
    auto end = SteadyClock::now();
    LoadResult result;
    if (sampler != nullptr) result.processes = sampler->EndPhase();
    stopping_.store(true);
    if (pacer.joinable()) pacer.join();
    {
      std::unique_lock<std::mutex> lock(mu_);
      drained_.wait(lock, [this] { return in_flight_.load() == 0; });
    }

    result.seconds = std::chrono::duration<double>(end - begin).count();
    for (int i = 0; i < kCodes; ++i) {
      uint64_t n = codes_[i].load();
      result.completed += n;
      if (n > 0) result.codes[CodeName(static_cast<grpc::StatusCode>(i))] = n;
    }
    if (overload_.load() > 0) result.codes["CLIENT_OVERLOAD"] = overload_.load();
    result.qps = static_cast<double>(codes_[0].load()) / result.seconds;
    result.p50_ms = histogram_.Quantile(0.50) / 1000;
    result.p90_ms = histogram_.Quantile(0.90) / 1000;
    result.p99_ms = histogram_.Quantile(0.99) / 1000;
    result.p999_ms = histogram_.Quantile(0.999) / 1000;
    result.max_ms = static_cast<double>(histogram_.Max()) / 1000;
    return result;
  }

 private:
  // Starts one call; `due` is when it should have started (open loop) or now.
  void Issue(SteadyClock::time_point due) {
    in_flight_.fetch_add(1);
    kind_.Start([this, due](grpc::StatusCode code) { OnDone(code, due); });
  }

  void OnDone(grpc::StatusCode code, SteadyClock::time_point due) {
    if (recording_.load(std::memory_order_relaxed)) {
      auto micros =
          std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - due).count();
      histogram_.Record(static_cast<uint64_t>(micros));
      int i = static_cast<int>(code);
      codes_[i >= 0 && i < kCodes ? i : 2].fetch_add(1, std::memory_order_relaxed);
    }
    if (options_.mode == LoadOptions::Mode::kClosed && !stopping_.load()) {
      Issue(SteadyClock::now());
    }
    if (in_flight_.fetch_sub(1) == 1 && stopping_.load()) {
      std::lock_guard<std::mutex> lock(mu_);
      drained_.notify_all();
    }
  }

  // Open loop: every call has a due time on a fixed schedule; each wake-up
  // sends all calls that are due, so a late wake-up does not lower the rate.
  void Pace() {
    const auto interval = std::chrono::duration<double>(1.0 / options_.rate);
    const auto start = SteadyClock::now();
    uint64_t sent = 0;
    while (!stopping_.load()) {
      auto now = SteadyClock::now();
      while (true) {
        auto due = start + std::chrono::duration_cast<SteadyClock::duration>(interval * sent);
        if (due > now) break;
        ++sent;
        if (in_flight_.load() >= options_.max_in_flight) {
          if (recording_.load()) overload_.fetch_add(1);
          continue;
        }
        Issue(due);
      }
      auto next = start + std::chrono::duration_cast<SteadyClock::duration>(interval * sent);
      std::this_thread::sleep_until(std::min(next, now + std::chrono::milliseconds(5)));
    }
  }

  CallKind& kind_;
  const LoadOptions& options_;
  Histogram histogram_;
  std::array<std::atomic<uint64_t>, kCodes> codes_{};
  std::atomic<uint64_t> overload_{0};
  std::atomic<bool> recording_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<int> in_flight_{0};
  std::mutex mu_;
  std::condition_variable drained_;
};

}  // namespace

LoadResult RunLoad(CallKind& kind, const LoadOptions& options, ProcSampler* sampler) {
  Run run(kind, options);
  return run.Go(sampler);
}

}  // namespace engage::bench
