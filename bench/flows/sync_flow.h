#ifndef ENGAGE_BENCH_FLOWS_SYNC_FLOW_H_
#define ENGAGE_BENCH_FLOWS_SYNC_FLOW_H_

#include <grpcpp/grpcpp.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/flows/flow_support.h"
#include "common/mysql/pool.h"

namespace engage::bench {

struct SyncFlowOptions {
  int profiles = 1000000;  // 1% CRM users of the org, the rest HCPs
  int connections_per_hcp = 3;
  int changes = 10000;       // profiles changed before the incremental run
  std::string label_suffix;  // e.g. "1000000": rows are s4.full.<suffix>, s5.incremental.<suffix>
};

// Scenarios 4 and 5 against the running mesh: an org with its integration
// user made through the gateway, `profiles` profiles and their connections
// bulk-seeded in SQL (as the services would hold them, a feed entry per
// connection), a full sync started through the gateway and timed to its
// end, then `changes` profiles changed and an incremental sync timed the same
// way. Returns the result rows (JSON lines).
absl::StatusOr<std::vector<std::string>> RunSyncFlow(const std::shared_ptr<grpc::Channel>& gateway,
                                                     mysql::Pool& pool, const Tokens& tokens,
                                                     const SyncFlowOptions& options);

}  // namespace engage::bench

#endif  // ENGAGE_BENCH_FLOWS_SYNC_FLOW_H_
