#ifndef ENGAGE_BENCH_LOADGEN_PROC_STATS_H_
#define ENGAGE_BENCH_LOADGEN_PROC_STATS_H_

#include <sys/types.h>

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace engage::bench {

// One reading of a process from /proc: CPU time used so far (user + system)
// and its memory (resident now, and the kernel's resident high-water mark).
struct ProcReading {
  double cpu_seconds = 0;
  long rss_kb = 0;
  long hwm_kb = 0;
};

// Parses /proc/<pid>/stat and /proc/<pid>/status text (split for the tests).
std::optional<double> CpuSecondsFromStat(const std::string& stat_text, long ticks_per_second);
std::optional<long> StatusFieldKb(const std::string& status_text, const std::string& field);

// Reads a live process; nullopt when it has gone.
std::optional<ProcReading> ReadProc(pid_t pid);

// What a measured phase cost a process.
struct ProcUsage {
  pid_t pid = 0;
  double cpu_seconds = 0;  // CPU used during the phase
  long rss_start_kb = 0;   // resident at the start of the phase
  long rss_end_kb = 0;     // resident at its end
  long rss_max_kb = 0;     // the largest resident seen by the sampler during the phase
  long hwm_kb = 0;         // peak resident since the process started (VmHWM)
  bool gone = false;       // the process ended during the phase
};

// Samples named processes once a second on its own thread, so the peak
// resident size of a long run is seen even when it falls again.
class ProcSampler {
 public:
  explicit ProcSampler(std::map<std::string, pid_t> pids);
  ~ProcSampler();
  // Starts a measured phase now (readings are taken at once).
  void BeginPhase();
  // Ends it and returns the usage of each process by name.
  std::map<std::string, ProcUsage> EndPhase();

 private:
  void Loop();
  void SampleLocked();

  std::map<std::string, pid_t> pids_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::map<std::string, ProcReading> start_;
  std::map<std::string, ProcUsage> usage_;
  std::thread thread_;
};

}  // namespace engage::bench

#endif  // ENGAGE_BENCH_LOADGEN_PROC_STATS_H_
