// engage-bench-flows: the end-to-end scenarios of bench/ that are not one
// repeated call (scenarios 4, 5 and 6 of issue 9), against a running mesh.
// Prints one JSON line per figure and appends them to --out.
//   engage-bench-flows --scenario=sync --target=GATEWAY --tenant=T --profiles=1000000
//   engage-bench-flows --scenario=promomats --target=GATEWAY --tenant=T --rate=10
// The database (sync seeding) and the token secret come from the ENGAGE_DB_*
// and ENGAGE_JWT_HS256_SECRET variables, as for the services.
#include <fstream>
#include <iostream>

#include "bench/flows/promomats_flow.h"
#include "bench/flows/sync_flow.h"
#include "bench/loadgen/calls.h"
#include "common/config/config.h"
#include "common/config/standard_options.h"

int main(int argc, char** argv) {
  engage::config::Options o("engage-bench-flows", "scenarios 4-6 of bench/ (JSON lines)");
  o.AddChoice("scenario", "sync", {"sync", "promomats"}, "which flow to run");
  o.AddString("target", "", "host:port of the gateway");
  o.AddString("tenant", "", "tenant the flow works in (a fresh one per run)");
  o.AddString("label-suffix", "", "sync: appended to the row labels (default: the profile count)");
  o.AddInt("profiles", 1000, 2, 100000000, "sync: profiles seeded (1% CRM users, the rest HCPs)");
  o.AddInt("changes", 100, 1, 100000000, "sync: profiles changed before the incremental run");
  o.AddInt("documents", 20, 1, 500, "promomats: documents the changes go round");
  o.AddInt("rate", 10, 1, 10000, "promomats: document changes per second");
  o.AddInt("seconds", 10, 1, 3600, "promomats: how long changes are sent");
  o.AddInt("poll-ms", 20, 1, 10000, "promomats: how often the CRMs' CrossLinks are listed");
  o.AddInt("dispatch-interval-ms", 500, 0, 3600000,
           "promomats: the dispatcher interval promomats_svc runs with (copied into the row)");
  o.AddString("out", "", "also append the JSON lines to this file");
  engage::config::AddDatabaseOptions(o);
  engage::config::AddAuthOptions(o);
  engage::config::ParseOrExit(o, argc, argv);
  if (o.GetString("target").empty() || o.GetString("tenant").empty() ||
      o.GetString("jwt-hs256-secret").empty()) {
    engage::config::Fail(argv[0], absl::InvalidArgumentError(
                                      "--target, --tenant and --jwt-hs256-secret are required"));
  }
  auto gateway = engage::bench::MakeChannels(o.GetString("target"), 1)[0];
  engage::bench::Tokens tokens(o.GetString("jwt-hs256-secret"), o.GetString("tenant"));

  std::vector<std::string> lines;
  if (o.GetString("scenario") == "sync") {
    engage::mysql::DbConfig db = engage::config::DbConfigFrom(o);
    // Seeding statements of 1000 rows and the change UPDATE over a million
    // profiles take longer than a service's per-statement limit.
    db.query_timeout = absl::Minutes(10);
    auto pool = engage::mysql::Pool::Open(db);
    if (!pool.ok()) engage::config::Fail(argv[0], pool.status());
    engage::bench::SyncFlowOptions flow;
    flow.profiles = static_cast<int>(o.GetInt("profiles"));
    flow.changes = static_cast<int>(o.GetInt("changes"));
    flow.label_suffix = o.GetString("label-suffix").empty() ? std::to_string(flow.profiles)
                                                            : o.GetString("label-suffix");
    auto rows = engage::bench::RunSyncFlow(gateway, **pool, tokens, flow);
    if (!rows.ok()) engage::config::Fail(argv[0], rows.status());
    lines = *rows;
  } else {
    engage::bench::PromoMatsFlowOptions flow;
    flow.documents = static_cast<int>(o.GetInt("documents"));
    flow.rate = static_cast<double>(o.GetInt("rate"));
    flow.seconds = static_cast<int>(o.GetInt("seconds"));
    flow.poll_ms = static_cast<int>(o.GetInt("poll-ms"));
    flow.dispatch_interval_ms = static_cast<int>(o.GetInt("dispatch-interval-ms"));
    auto row = engage::bench::RunPromoMatsFlow(gateway, tokens, flow);
    if (!row.ok()) engage::config::Fail(argv[0], row.status());
    lines.push_back(*row);
  }
  std::ofstream out;
  if (!o.GetString("out").empty()) out.open(o.GetString("out"), std::ios::app);
  for (const std::string& line : lines) {
    std::cout << line << std::endl;
    if (out.is_open()) out << line << "\n";
  }
  if (out.is_open() && !out) {
    engage::config::Fail(argv[0], absl::UnavailableError("cannot write " + o.GetString("out")));
  }
  return 0;
}
