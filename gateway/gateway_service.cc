#include "gateway/gateway_service.h"

#include <grpcpp/channel.h>

#include "absl/strings/str_cat.h"
#include "common/auth/caller.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "common/time/id_generator.h"
#include "gateway/proxy_call.h"
#include "gateway/unary_proxy_call.h"

namespace engage::gateway {
namespace {

// Answers a refused call with its status and nothing else.
class Refusal final : public grpc::ServerGenericBidiReactor {
 public:
  explicit Refusal(const absl::Status& status) { Finish(ToGrpcStatus(status)); }
  void OnDone() override { delete this; }
};

std::string Metadata(const grpc::ServerContextBase& context, const std::string& key) {
  auto it = context.client_metadata().find(key);
  return it == context.client_metadata().end() ? std::string()
                                               : std::string(it->second.data(), it->second.size());
}

}  // namespace

GatewayService::GatewayService(RouteTable routes,
                               std::map<std::string, std::shared_ptr<grpc::Channel>> backends,
                               const auth::JwtVerifier& verifier, RateLimiter& limiter,
                               GatewayLimits limits)
    : routes_(std::move(routes)), verifier_(verifier), limiter_(limiter), limits_(limits) {
  for (auto& [name, channel] : backends)
    stubs_[name] = std::make_unique<grpc::GenericStub>(channel);
}

absl::Status GatewayService::Admit(grpc::GenericCallbackServerContext* context, const Route** route,
                                   auth::Identity* caller) {
  *route = routes_.Find(context->method());
  if (*route == nullptr) {
    return absl::UnimplementedError(absl::StrCat("method ", context->method(), " is not public"));
  }
  auto identity = auth::Authenticate(*context, verifier_);
  if (!identity.ok()) return identity.status();
  *caller = *identity;
  if (caller->role == engage::common::v1::ROLE_SERVICE) {
    return absl::PermissionDeniedError(
        "SEC-02: SERVICE tokens are for service-to-service calls; the gateway refuses them");
  }
  if ((*route)->allowed_roles.count(caller->role) == 0) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", auth::RoleName(caller->role), " may not call ", context->method()));
  }
  absl::Duration wait = limiter_.Acquire(absl::StrCat(caller->tenant, "/", caller->subject));
  if (wait > absl::ZeroDuration()) {
    return WithRetryDelay(
        absl::ResourceExhaustedError(absl::StrCat("rate limit exceeded; retry in ",
                                                  absl::ToInt64Milliseconds(wait) + 1, " ms")),
        wait);
  }
  return absl::OkStatus();
}

grpc::ServerGenericBidiReactor* GatewayService::CreateReactor(
    grpc::GenericCallbackServerContext* context) {
  const Route* route = nullptr;
  auth::Identity caller;
  if (absl::Status admitted = Admit(context, &route, &caller); !admitted.ok()) {
    return new Refusal(admitted);
  }
  if (++in_flight_ > limits_.max_concurrent_calls) {
    --in_flight_;
    return new Refusal(absl::ResourceExhaustedError("gateway is at its concurrent call limit"));
  }
  auto stub = stubs_.find(route->backend);
  if (stub == stubs_.end()) {
    --in_flight_;
    return new Refusal(absl::UnavailableError(absl::StrCat("no backend for ", route->backend)));
  }

  auto backend_context = std::make_unique<grpc::ClientContext>();
  // The caller's deadline, or the default, never beyond the maximum.
  const auto now = std::chrono::system_clock::now();
  auto deadline = context->deadline();
  const auto max = now + absl::ToChronoMilliseconds(limits_.max_deadline);
  if (deadline == std::chrono::system_clock::time_point::max() || deadline > max) {
    deadline = deadline == std::chrono::system_clock::time_point::max()
                   ? now + absl::ToChronoMilliseconds(limits_.default_deadline)
                   : max;
  }
  backend_context->set_deadline(deadline);
  std::string request_id = Metadata(*context, "x-request-id");
  if (request_id.empty() || request_id.size() > 128) request_id = IdGenerator::Default().Next();
  backend_context->AddMetadata("x-request-id", request_id);
  // The token itself, not headers naming the caller: every service verifies
  // it again, so a backend reached some other way trusts nothing unsigned.
  backend_context->AddMetadata("authorization", Metadata(*context, "authorization"));
  auto release = [this] { --in_flight_; };
  if (route->unary) {
    return new UnaryProxyCall(*stub->second, context->method(), std::move(backend_context),
                              std::move(release));
  }
  return new ProxyCall(*stub->second, context->method(), std::move(backend_context),
                       std::move(release));
}

}  // namespace engage::gateway
