#ifndef ENGAGE_GATEWAY_GATEWAY_SERVICE_H_
#define ENGAGE_GATEWAY_GATEWAY_SERVICE_H_

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "common/auth/jwt.h"
#include "gateway/rate_limiter.h"
#include "gateway/route_table.h"

namespace engage::gateway {

struct GatewayLimits {
  int max_concurrent_calls = 1000;
  absl::Duration default_deadline = absl::Seconds(10);
  absl::Duration max_deadline = absl::Seconds(60);
};

// The public entry: every call that reaches the gateway is authenticated
// (bearer JWT), authorised against the roles its method declares in the
// protos, rate limited per caller, bounded in concurrency, given a deadline,
// and relayed to the owning backend with the request id and the verified
// identity as metadata. Methods not in the route table answer UNIMPLEMENTED.
class GatewayService final : public grpc::CallbackGenericService {
 public:
  GatewayService(RouteTable routes, std::map<std::string, std::shared_ptr<grpc::Channel>> backends,
                 const auth::JwtVerifier& verifier, RateLimiter& limiter, GatewayLimits limits);

  grpc::ServerGenericBidiReactor* CreateReactor(
      grpc::GenericCallbackServerContext* context) override;

 private:
  // OK with the backend to use, or the refusal.
  absl::Status Admit(grpc::GenericCallbackServerContext* context, const Route** route,
                     auth::Identity* caller);

  RouteTable routes_;
  std::map<std::string, std::unique_ptr<grpc::GenericStub>> stubs_;
  const auth::JwtVerifier& verifier_;
  RateLimiter& limiter_;
  GatewayLimits limits_;
  std::atomic<int> in_flight_{0};
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_GATEWAY_SERVICE_H_
