#ifndef ENGAGE_BENCH_LOADGEN_DRIVER_H_
#define ENGAGE_BENCH_LOADGEN_DRIVER_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "absl/time/time.h"
#include "bench/loadgen/calls.h"
#include "bench/loadgen/histogram.h"
#include "bench/loadgen/proc_stats.h"

namespace engage::bench {

struct LoadOptions {
  // Closed loop: `concurrency` calls always in flight, each followed at once by
  // the next (measures peak throughput). Open loop: calls start at `rate` per
  // second whatever the answers (measures latency at a given load; latency is
  // counted from when a call was due, so a stalled server cannot hide it).
  enum class Mode { kClosed, kOpen };
  Mode mode = Mode::kClosed;
  int concurrency = 16;
  double rate = 1000;
  // Open loop only: calls due while this many are in flight are not sent and
  // are counted as CLIENT_OVERLOAD (the load generator never queues without bound).
  int max_in_flight = 10000;
  absl::Duration warmup = absl::Seconds(2);
  absl::Duration duration = absl::Seconds(10);
};

struct LoadResult {
  double seconds = 0;                     // length of the measured phase
  uint64_t completed = 0;                 // calls that ended during it, any status
  std::map<std::string, uint64_t> codes;  // by status name, plus CLIENT_OVERLOAD
  double qps = 0;                         // OK calls per second
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0;
  std::map<std::string, ProcUsage> processes;
};

// Runs a warm-up (nothing recorded) then the measured phase, then waits for
// every call in flight to end. `sampler` may be null.
LoadResult RunLoad(CallKind& kind, const LoadOptions& options, ProcSampler* sampler);

}  // namespace engage::bench

#endif  // ENGAGE_BENCH_LOADGEN_DRIVER_H_
