#ifndef ENGAGE_COMMON_SERVER_GATEKEEPER_H_
#define ENGAGE_COMMON_SERVER_GATEKEEPER_H_

#include <grpcpp/server_context.h>

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/active_callers.h"
#include "common/auth/jwt.h"
#include "common/auth/method_access.h"
#include "common/work/stream_slots.h"

namespace engage::server {

// Admits a call to a service, before any handler logic: the bearer token
// (signature, expiry, issuer, the claims' form: SEC-13), the role the called
// method declares in its proto (SEC-01, SEC-02) and, once a caller directory
// is set, that the user or profile is still active (SEC-09). Rules finer than
// a role (ownership, visibility, consent) stay with each handler.
class Gatekeeper {
 public:
  // `caller_state_ttl`: how long a caller's state is kept (SEC-09's bound on
  // staleness).
  Gatekeeper(const auth::JwtVerifier& verifier, const Clock& clock,
             absl::Duration caller_state_ttl = absl::Seconds(5));

  // Where SEC-09 looks callers up: profile_svc reads its own tables, the
  // other services ask profile_svc. Set once, before the server serves.
  void UseCallerDirectory(auth::CallerDirectory& directory) {
    active_ = std::make_unique<auth::ActiveCallers>(directory, clock_, caller_state_ttl_);
  }

  // SEC-11: at most `per_tenant` calls of one tenant in flight in this
  // replica's handlers (below its database pool's size), so one tenant's
  // slow calls never hold every connection; a call past the bound waits up
  // to `wait` for one of its tenant's calls to end. Set once, before the
  // server serves; unset, no bound (tests of one handler).
  void LimitTenantCalls(int per_tenant, absl::Duration wait);

  // The caller's share of the replica for one call, held until the call
  // ends: RESOURCE_EXHAUSTED naming SEC-11 with a RetryInfo when the caller's
  // tenant still has its bound of calls in flight after the wait, instead of
  // queueing on the pool beside every other tenant's calls. Null (nothing
  // to hold) with no bound, and for SERVICE callers: their calls are made
  // for calls or background work another service already bounds, and
  // refusing them would fail that work midway.
  absl::StatusOr<std::unique_ptr<work::StreamSlots::Slot>> TakeShare(
      const auth::Identity& caller) const;

  // The verified caller, or UNAUTHENTICATED / PERMISSION_DENIED / UNAVAILABLE
  // with the reason. A call whose method is unknown is refused (fail closed).
  absl::StatusOr<auth::Identity> Admit(const grpc::ServerContextBase& context) const;

  const auth::JwtVerifier& verifier() const { return verifier_; }

 private:
  const auth::JwtVerifier& verifier_;
  const Clock& clock_;
  absl::Duration caller_state_ttl_;
  std::map<std::string, auth::MethodAccess> methods_;
  std::unique_ptr<auth::ActiveCallers> active_;
  std::unique_ptr<work::StreamSlots> tenant_calls_;
  absl::Duration tenant_call_wait_;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_GATEKEEPER_H_
