#include "common/server/gatekeeper.h"

#include "common/auth/caller.h"
#include "common/server/call_records.h"

namespace engage::server {

Gatekeeper::Gatekeeper(const auth::JwtVerifier& verifier, const Clock& clock,
                       absl::Duration caller_state_ttl)
    : verifier_(verifier),
      clock_(clock),
      caller_state_ttl_(caller_state_ttl),
      methods_(auth::DeclaredMethodAccess()) {}

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
