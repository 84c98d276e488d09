#ifndef ENGAGE_BENCH_LOADGEN_CALLS_H_
#define ENGAGE_BENCH_LOADGEN_CALLS_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace engage::bench {

// Called once when a call ends, on a gRPC callback thread.
using CallDone = std::function<void(grpc::StatusCode)>;

// One kind of call the load generator repeats. Start never blocks: it starts
// the call on gRPC's callback API and returns.
class CallKind {
 public:
  virtual ~CallKind() = default;
  virtual void Start(CallDone done) = 0;
};

// `count` channels to `target`, each on its own HTTP/2 connection (gRPC would
// otherwise share one connection between channels of equal arguments), so the
// load spreads over several connections as many clients would.
std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(const std::string& target, int count);

// grpc.health.v1.Health/Check of `service` ("" = the whole server).
std::unique_ptr<CallKind> MakeHealthCall(std::vector<std::shared_ptr<grpc::Channel>> channels,
                                         std::string service, absl::Duration deadline);

// engage.profile.v1.ProfileService/GetBusinessCard of one profile.
std::unique_ptr<CallKind> MakeCardCall(std::vector<std::shared_ptr<grpc::Channel>> channels,
                                       std::string token, std::string profile_id,
                                       absl::Duration deadline);

// Creates (idempotently) the company of the admin token's tenant and one field
// user with a complete User record; returns the id of their staff profile,
// whose business card the card scenario reads.
absl::StatusOr<std::string> SetUpCardProfile(const std::shared_ptr<grpc::Channel>& channel,
                                             const std::string& admin_token);

// The canonical name of a status code ("OK", "UNAVAILABLE", ...).
std::string CodeName(grpc::StatusCode code);

}  // namespace engage::bench

#endif  // ENGAGE_BENCH_LOADGEN_CALLS_H_
