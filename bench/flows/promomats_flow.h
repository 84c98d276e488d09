#ifndef ENGAGE_BENCH_FLOWS_PROMOMATS_FLOW_H_
#define ENGAGE_BENCH_FLOWS_PROMOMATS_FLOW_H_

#include <grpcpp/grpcpp.h>

#include <string>

#include "absl/status/statusor.h"
#include "bench/flows/flow_support.h"

namespace engage::bench {

struct PromoMatsFlowOptions {
  int documents = 20;              // documents the changes go round
  double rate = 10;                // document changes per second (open loop)
  int seconds = 10;                // how long changes are sent
  int poll_ms = 20;                // how often the three CRMs' CrossLinks are listed
  int dispatch_interval_ms = 500;  // the promomats_svc setting, copied into the row
};

// Scenario 6 through the gateway: seed 003's shape (one PromoMats vault, CRM
// A and B production, CRM C sandbox, each connection filtered to US), then
// document updates at a fixed rate, and for each the time from the start of
// its UpdateDocument call until all three CRMs list a CrossLink of at least
// that version. Returns the result row (a JSON line).
absl::StatusOr<std::string> RunPromoMatsFlow(const std::shared_ptr<grpc::Channel>& gateway,
                                             const Tokens& tokens, const PromoMatsFlowOptions& o);

}  // namespace engage::bench

#endif  // ENGAGE_BENCH_FLOWS_PROMOMATS_FLOW_H_
