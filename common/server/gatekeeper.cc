#include "common/server/gatekeeper.h"

#include <limits>

#include "common/auth/caller.h"
#include "common/server/call_records.h"

namespace engage::server {

Gatekeeper::Gatekeeper(const auth::JwtVerifier& verifier, const Clock& clock,
                       absl::Duration caller_state_ttl)
    : verifier_(verifier),
      clock_(clock),
      caller_state_ttl_(caller_state_ttl),
      methods_(auth::DeclaredMethodAccess()) {}

void Gatekeeper::LimitTenantCalls(int per_tenant, absl::Duration wait) {
  tenant_call_wait_ = wait;
  constexpr int kUnbounded = std::numeric_limits<int>::max();
  tenant_calls_ = std::make_unique<work::StreamSlots>(
      work::StreamSlots::Bounds{kUnbounded, per_tenant, kUnbounded, "calls in flight"});
}

absl::StatusOr<std::unique_ptr<work::StreamSlots::Slot>> Gatekeeper::TakeShare(
    const auth::Identity& caller) const {
  if (tenant_calls_ == nullptr || caller.role == auth::kService) {
    return std::unique_ptr<work::StreamSlots::Slot>();
  }
  return tenant_calls_->Take(caller.tenant, caller.subject, tenant_call_wait_);
}

absl::StatusOr<auth::Identity> Gatekeeper::Admit(const grpc::ServerContextBase& context) const {
  const char* method = CallRecords::Get().FindMethod(&context);
  auto access = method == nullptr ? methods_.end() : methods_.find(method);
  if (access == methods_.end()) {
    return absl::PermissionDeniedError("SEC-01: this method declares no access");
  }
  auto caller = auth::Authenticate(context, verifier_);
  if (!caller.ok()) return caller.status();
  if (auto st = auth::CheckRole(*caller, access->second); !st.ok()) return st;
  if (active_ != nullptr) {
    if (auto st = active_->Check(*caller); !st.ok()) return st;
  }
  return caller;
}

}  // namespace engage::server
