#include "bench/loadgen/report.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace engage::bench {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += absl::StrFormat("\\u%04x", c);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string ResultJson(const RunDescription& run, const LoadResult& r) {
  const bool closed = run.load.mode == LoadOptions::Mode::kClosed;
  std::vector<std::string> codes;
  for (const auto& [name, n] : r.codes) codes.push_back(absl::StrCat(Quote(name), ":", n));
  std::vector<std::string> procs;
  for (const auto& [name, u] : r.processes) {
    procs.push_back(
        absl::StrFormat("%s:{\"pid\":%d,\"cpu_seconds\":%.3f,\"rss_start_kb\":%d,\"rss_end_kb\":%d,"
                        "\"rss_max_kb\":%d,\"hwm_kb\":%d,\"gone\":%s}",
                        Quote(name), u.pid, u.cpu_seconds, u.rss_start_kb, u.rss_end_kb,
                        u.rss_max_kb, u.hwm_kb, u.gone ? "true" : "false"));
  }
  return absl::StrFormat(
      "{\"label\":%s,\"target\":%s,\"call\":%s,\"mode\":%s,\"concurrency\":%d,\"rate\":%.1f,"
      "\"channels\":%d,\"warmup_seconds\":%.1f,\"seconds\":%.3f,\"completed\":%d,\"qps\":%.1f,"
      "\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f,"
      "\"codes\":{%s},\"processes\":{%s}}",
      Quote(run.label), Quote(run.target), Quote(run.call), Quote(closed ? "closed" : "open"),
      run.load.concurrency, closed ? 0.0 : run.load.rate, run.channels,
      absl::ToDoubleSeconds(run.load.warmup), r.seconds, r.completed, r.qps, r.p50_ms, r.p90_ms,
      r.p99_ms, r.p999_ms, r.max_ms, absl::StrJoin(codes, ","), absl::StrJoin(procs, ","));
}

}  // namespace engage::bench
