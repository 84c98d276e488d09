#include "bench/loadgen/proc_stats.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace engage::bench {
namespace {

std::optional<std::string> ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::optional<double> CpuSecondsFromStat(const std::string& text, long ticks_per_second) {
  // The command name (field 2) is in parentheses and may hold spaces or ')':
  // the fields after the last ')' are counted from field 3 (state).
  auto close = text.rfind(')');
  if (close == std::string::npos || ticks_per_second <= 0) return std::nullopt;
  std::istringstream rest(text.substr(close + 1));
  std::vector<std::string> fields;
  std::string f;
  while (rest >> f) fields.push_back(f);
  // utime is field 14 and stime field 15 of proc(5), i.e. indexes 11 and 12 here.
  if (fields.size() < 13) return std::nullopt;
  char* end = nullptr;
  double utime = std::strtod(fields[11].c_str(), &end);
  if (*end != '\0') return std::nullopt;
  double stime = std::strtod(fields[12].c_str(), &end);
  if (*end != '\0') return std::nullopt;
  return (utime + stime) / static_cast<double>(ticks_per_second);
}

std::optional<long> StatusFieldKb(const std::string& text, const std::string& field) {
  std::istringstream in(text);
  std::string line;
  const std::string prefix = field + ":";
  while (std::getline(in, line)) {
    if (line.compare(0, prefix.size(), prefix) != 0) continue;
    return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
  }
  return std::nullopt;
}

std::optional<ProcReading> ReadProc(pid_t pid) {
  const std::string base = "/proc/" + std::to_string(pid);
  auto stat = ReadText(base + "/stat");
  auto status = ReadText(base + "/status");
  if (!stat || !status) return std::nullopt;
  auto cpu = CpuSecondsFromStat(*stat, sysconf(_SC_CLK_TCK));
  auto rss = StatusFieldKb(*status, "VmRSS");
  auto hwm = StatusFieldKb(*status, "VmHWM");
  if (!cpu || !rss) return std::nullopt;  // a zombie has no VmRSS
  return ProcReading{*cpu, *rss, hwm.value_or(*rss)};
}

ProcSampler::ProcSampler(std::map<std::string, pid_t> pids) : pids_(std::move(pids)) {
  thread_ = std::thread([this] { Loop(); });
}

ProcSampler::~ProcSampler() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void ProcSampler::BeginPhase() {
  std::lock_guard<std::mutex> lock(mu_);
  start_.clear();
  usage_.clear();
  for (const auto& [name, pid] : pids_) {
    ProcUsage u;
    u.pid = pid;
    if (auto r = ReadProc(pid)) {
      start_[name] = *r;
      u.rss_start_kb = u.rss_end_kb = u.rss_max_kb = r->rss_kb;
      u.hwm_kb = r->hwm_kb;
    } else {
      u.gone = true;
    }
    usage_[name] = u;
  }
}

void ProcSampler::SampleLocked() {
  for (auto& [name, u] : usage_) {
    if (u.gone) continue;
    auto r = ReadProc(u.pid);
    if (!r) {
      u.gone = true;
      continue;
    }
    u.cpu_seconds = r->cpu_seconds - start_[name].cpu_seconds;
    u.rss_end_kb = r->rss_kb;
    if (r->rss_kb > u.rss_max_kb) u.rss_max_kb = r->rss_kb;
    u.hwm_kb = r->hwm_kb;
  }
}

std::map<std::string, ProcUsage> ProcSampler::EndPhase() {
  std::lock_guard<std::mutex> lock(mu_);
  SampleLocked();
  auto result = usage_;
  usage_.clear();
  return result;
}

void ProcSampler::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, std::chrono::seconds(1));
    if (!stop_) SampleLocked();
  }
}

}  // namespace engage::bench
