#ifndef ENGAGE_GATEWAY_GATEWAY_SERVICE_H_
#define ENGAGE_GATEWAY_GATEWAY_SERVICE_H_

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/auth/jwt.h"
#include "common/limits/rate_limiter.h"
#include "gateway/concurrency_shares.h"
#include "gateway/peer_throttle.h"
#include "gateway/request_watch.h"
#include "gateway/route_table.h"

namespace engage::gateway {

struct GatewayLimits {
  ConcurrencyLimits concurrency;
  absl::Duration default_deadline = absl::Seconds(10);
  absl::Duration max_deadline = absl::Seconds(60);
  // How long a call may wait for its request message (SEC-11).
  absl::Duration request_message_timeout = absl::Seconds(2);
};

// The limiters every call passes through, owned by main.
struct GatewayThrottles {
  RateLimiter& per_caller;
  RateLimiter& per_tenant;
  PeerThrottle& bad_tokens;
  // The invite page's relay key (kPageRelayKeyHeader; empty: no page), so
  // its calls' bad tokens count against its client, not the page (SEC-11).
  std::string page_relay_key;
};

// The public entry: every call that reaches the gateway is authenticated
// (bearer JWT; a peer that presented too many bad tokens is refused before
// its next one is verified), authorised against the roles its method
// declares in the protos, rate limited per caller and per tenant, bounded in
// concurrency (globally, per tenant, per caller), given a deadline and a
// time to send its request message, and relayed to the owning backend with
// the request id and the token as metadata. Methods not in the route table
// answer UNIMPLEMENTED.
class GatewayService final : public grpc::CallbackGenericService {
 public:
  GatewayService(RouteTable routes, std::map<std::string, std::shared_ptr<grpc::Channel>> backends,
                 const auth::JwtVerifier& verifier, GatewayThrottles throttles,
                 GatewayLimits limits);
  // Waits (at most 2 s) for relays still holding a slot or waiting in the
  // watch: their last steps can run on gRPC's threads just after the server
  // has stopped.
  ~GatewayService() override;

  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override;

 private:
  // A call let through, with what it holds.
  struct Admission {
    const Route* route = nullptr;
    grpc::GenericStub* stub = nullptr;
    ConcurrencyShares::Slot slot;
  };
  // The admission, or the refusal.
  absl::StatusOr<Admission> Admit(grpc::GenericCallbackServerContext* context);
  absl::StatusOr<auth::Identity> Authenticate(grpc::GenericCallbackServerContext* context);

  RouteTable routes_;
  std::map<std::string, std::unique_ptr<grpc::GenericStub>> stubs_;
  const auth::JwtVerifier& verifier_;
  GatewayThrottles throttles_;
  GatewayLimits limits_;
  ConcurrencyShares shares_;
  RequestWatch watch_;  // after shares_: its thread stops first
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_GATEWAY_SERVICE_H_
