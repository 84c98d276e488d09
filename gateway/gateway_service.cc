#include "gateway/gateway_service.h"

#include <grpcpp/channel.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/auth/caller.h"
#include "common/server/handler.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "common/status/status_macros.h"
#include "common/time/id_generator.h"
#include "common/trace/current_call.h"
#include "gateway/deadline_cap.h"
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

absl::Status RetryLater(const std::string& message, absl::Duration wait) {
  return WithRetryDelay(absl::ResourceExhaustedError(absl::StrCat(
                            message, "; retry in ", absl::ToInt64Milliseconds(wait) + 1, " ms")),
                        wait);
}

}  // namespace

GatewayService::GatewayService(RouteTable routes,
                               std::map<std::string, std::shared_ptr<grpc::Channel>> backends,
                               const auth::JwtVerifier& verifier, GatewayThrottles throttles,
                               GatewayLimits limits)
    : routes_(std::move(routes)),
      verifier_(verifier),
      throttles_(throttles),
      limits_(limits),
      shares_(limits.concurrency),
      // Calls end at most a tenth of the wait (at most 100 ms) late.
      watch_(std::clamp(limits.request_message_timeout / 10, absl::Milliseconds(5),
                        absl::Milliseconds(100))) {
  for (auto& [name, channel] : backends)
    stubs_[name] = std::make_unique<grpc::GenericStub>(channel);
}

GatewayService::~GatewayService() {
  for (int i = 0; i < 200 && (shares_.in_flight() > 0 || watch_.size() > 0); ++i) {
    absl::SleepFor(absl::Milliseconds(10));
  }
}

absl::StatusOr<auth::Identity> GatewayService::Authenticate(
    grpc::GenericCallbackServerContext* context) {
  // SEC-11: a peer that spent its budget of bad tokens is refused before
  // its next signature is checked.
  const std::string peer =
      ThrottleKeyOf(PeerAddress(context->peer()), Metadata(*context, kPageClientHeader),
                    Metadata(*context, kPageRelayKeyHeader), throttles_.page_relay_key);
  if (absl::Duration wait = throttles_.bad_tokens.RetryAfter(peer); wait > absl::ZeroDuration()) {
    return RetryLater("SEC-11: too many failed authentications from this address", wait);
  }
  auto identity = auth::Authenticate(*context, verifier_);
  if (absl::IsUnauthenticated(identity.status())) throttles_.bad_tokens.Failed(peer);
  return identity;
}

absl::StatusOr<GatewayService::Admission> GatewayService::Admit(
    grpc::GenericCallbackServerContext* context) {
  Admission admission;
  admission.route = routes_.Find(context->method());
  if (admission.route == nullptr) {
    return absl::UnimplementedError(absl::StrCat("method ", context->method(), " is not public"));
  }
  ASSIGN_OR_RETURN(const auth::Identity caller, Authenticate(context));
  if (caller.role == auth::kService) {
    return absl::PermissionDeniedError(
        "SEC-02: SERVICE tokens are for service-to-service calls; the gateway refuses them");
  }
  if (admission.route->allowed_roles.count(caller.role) == 0) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", auth::RoleName(caller.role), " may not call ", context->method()));
  }
  // The caller's own bucket first: calls it is refused do not spend its tenant's.
  const std::string caller_key = absl::StrCat(caller.tenant, "/", caller.subject);
  if (absl::Duration wait = throttles_.per_caller.Acquire(caller_key);
      wait > absl::ZeroDuration()) {
    return RetryLater("rate limit exceeded", wait);
  }
  if (absl::Duration wait = throttles_.per_tenant.Acquire(caller.tenant);
      wait > absl::ZeroDuration()) {
    return RetryLater(
        absl::StrCat("SEC-11: tenant ", caller.tenant,
                     " is over its rate budget (ENGAGE_TENANT_RATE_LIMIT_PER_SECOND)"),
        wait);
  }
  auto stub = stubs_.find(admission.route->backend);
  if (stub == stubs_.end()) {
    return absl::UnavailableError(absl::StrCat("no backend for ", admission.route->backend));
  }
  admission.stub = stub->second.get();
  ASSIGN_OR_RETURN(admission.slot, shares_.Acquire(caller.tenant, caller_key));
  return admission;
}

grpc::ServerGenericBidiReactor* GatewayService::CreateReactor(
    grpc::GenericCallbackServerContext* context) {
  auto admission = Admit(context);
  if (!admission.ok()) return new Refusal(admission.status());
  const Route& route = *admission->route;

  auto backend_context = std::make_unique<grpc::ClientContext>();
  const auto now = std::chrono::system_clock::now();
  const auto deadline =
      CappedDeadline(context->deadline(), now, limits_.default_deadline, limits_.max_deadline);
  backend_context->set_deadline(deadline);
  // The call's record holds its span: continuing the caller's traceparent,
  // or a new trace; the backend's span is its child.
  trace::CurrentCall call = server::CurrentCallOf(*context);
  if (call.request_id.empty() || call.request_id.size() > 128) {
    call.request_id = IdGenerator::Default().Next();
  }
  backend_context->AddMetadata("x-request-id", call.request_id);
  if (call.trace.empty()) call.trace = trace::StartSpan(std::nullopt);
  backend_context->AddMetadata("traceparent", trace::Traceparent(call.trace));
  // The token itself, not headers naming the caller: every service verifies
  // it again, so a backend reached some other way trusts nothing unsigned.
  backend_context->AddMetadata("authorization", Metadata(*context, "authorization"));
  const RequestTimer timer = RequestTimerFor(now, limits_.request_message_timeout, deadline);
  if (route.unary) {
    return new UnaryProxyCall(*admission->stub, context->method(), std::move(backend_context),
                              watch_, timer, std::move(admission->slot));
  }
  return new ProxyCall(*admission->stub, context->method(), std::move(backend_context), watch_,
                       timer, std::move(admission->slot));
}

}  // namespace engage::gateway
