// engage-bench: the load generator of bench/. Repeats one kind of call
// against a target on gRPC's callback API, in a closed loop (fixed
// concurrency) or an open loop (fixed rate), after a warm-up, and prints one
// JSON line: throughput, latency quantiles, calls per status code, and the
// CPU seconds and memory of named server processes read from /proc.
//   engage-bench --target=127.0.0.1:50051 --call=health --concurrency=32
//   engage-bench --target=... --call=card --token=T --profile-id=P --mode=open --rate=2000
//   engage-bench --target=... --setup-card --token=ADMIN   (prints a profile id)
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "bench/loadgen/calls.h"
#include "bench/loadgen/driver.h"
#include "bench/loadgen/report.h"
#include "common/config/config.h"
#include "common/config/standard_options.h"

namespace {

using engage::bench::LoadOptions;

// "gateway=123,profile=456" -> {gateway: 123, profile: 456}; "self" is this process.
absl::StatusOr<std::map<std::string, pid_t>> ParsePids(const std::string& text) {
  std::map<std::string, pid_t> pids;
  pids["loadgen"] = getpid();
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(item, absl::MaxSplits('=', 1));
    int pid = 0;
    if (kv.first.empty() || !absl::SimpleAtoi(kv.second, &pid) || pid <= 0) {
      return absl::InvalidArgumentError("pids: expected name=pid[,name=pid...], got \"" +
                                        std::string(item) + "\"");
    }
    pids[kv.first] = pid;
  }
  return pids;
}

}  // namespace

int main(int argc, char** argv) {
  engage::config::Options o("engage-bench", "load generator of bench/ (one JSON line per run)");
  o.AddString("target", "", "host:port to call (a service or the gateway)");
  o.AddChoice("call", "health", {"health", "card"},
              "what to call: health Check or GetBusinessCard");
  o.AddString("health-service", "", "service name asked by --call=health (empty: the server)");
  o.AddString("token", "", "bearer token (card calls; ADMIN for --setup-card)", /*secret=*/true);
  o.AddString("profile-id", "", "profile whose business card --call=card reads");
  o.AddChoice("setup-card", "no", {"no", "yes"},
              "yes: create the company and a field user, print the profile id, exit");
  o.AddChoice("mode", "closed", {"closed", "open"},
              "closed loop (concurrency) or open loop (rate)");
  o.AddInt("concurrency", 16, 1, 10000, "calls in flight (closed loop)");
  o.AddInt("rate", 1000, 1, 1000000, "calls per second (open loop)");
  o.AddInt("max-in-flight", 10000, 1, 1000000, "open loop: calls due beyond this are not sent");
  o.AddInt("channels", 4, 1, 256, "HTTP/2 connections the calls are spread over");
  o.AddInt("warmup-seconds", 2, 0, 3600, "warm-up, not recorded");
  o.AddInt("duration-seconds", 10, 1, 24 * 3600, "measured phase");
  o.AddInt("deadline-ms", 5000, 1, 600000, "deadline of each call");
  o.AddString("pids", "", "processes to measure from /proc: name=pid[,name=pid...]");
  o.AddString("label", "", "name of this run, copied into the result");
  o.AddString("out", "", "also append the JSON line to this file");
  engage::config::ParseOrExit(o, argc, argv);

  const std::string target = o.GetString("target");
  if (target.empty()) {
    engage::config::Fail(argv[0], absl::InvalidArgumentError("--target is required"));
  }
  auto channels = engage::bench::MakeChannels(target, static_cast<int>(o.GetInt("channels")));
  const absl::Duration deadline = absl::Milliseconds(o.GetInt("deadline-ms"));

  if (o.GetString("setup-card") == "yes") {
    auto profile = engage::bench::SetUpCardProfile(channels[0], o.GetString("token"));
    if (!profile.ok()) engage::config::Fail(argv[0], profile.status());
    std::cout << *profile << "\n";
    return 0;
  }

  std::unique_ptr<engage::bench::CallKind> kind;
  if (o.GetString("call") == "health") {
    kind = engage::bench::MakeHealthCall(channels, o.GetString("health-service"), deadline);
  } else {
    if (o.GetString("token").empty() || o.GetString("profile-id").empty()) {
      engage::config::Fail(
          argv[0], absl::InvalidArgumentError("--call=card needs --token and --profile-id"));
    }
    kind = engage::bench::MakeCardCall(channels, o.GetString("token"), o.GetString("profile-id"),
                                       deadline);
  }
  auto pids = ParsePids(o.GetString("pids"));
  if (!pids.ok()) engage::config::Fail(argv[0], pids.status());

  engage::bench::RunDescription run;
  run.label = o.GetString("label");
  run.target = target;
  run.call = o.GetString("call");
  run.channels = static_cast<int>(o.GetInt("channels"));
  run.load.mode =
      o.GetString("mode") == "open" ? LoadOptions::Mode::kOpen : LoadOptions::Mode::kClosed;
  run.load.concurrency = static_cast<int>(o.GetInt("concurrency"));
  run.load.rate = static_cast<double>(o.GetInt("rate"));
  run.load.max_in_flight = static_cast<int>(o.GetInt("max-in-flight"));
  run.load.warmup = absl::Seconds(o.GetInt("warmup-seconds"));
  run.load.duration = absl::Seconds(o.GetInt("duration-seconds"));

  engage::bench::ProcSampler sampler(*pids);
  engage::bench::LoadResult result = engage::bench::RunLoad(*kind, run.load, &sampler);
  const std::string line = engage::bench::ResultJson(run, result);
  std::cout << line << std::endl;
  if (!o.GetString("out").empty()) {
    std::ofstream out(o.GetString("out"), std::ios::app);
    out << line << "\n";
    if (!out) {
      engage::config::Fail(argv[0], absl::UnavailableError("cannot write " + o.GetString("out")));
    }
  }
  return 0;
}
