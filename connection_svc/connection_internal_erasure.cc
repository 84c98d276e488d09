// ConnectionInternalService/EraseHcpData (PRF-11, PRF-12): profile_svc asks,
// after a deletion or merge commits, and retries until this succeeds.
#include "common/auth/method_access.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "connection_svc/connection_audit.h"
#include "connection_svc/connection_internal_service.h"

namespace engage::connection {

grpc::Status ConnectionInternalServiceImpl::EraseHcpData(grpc::ServerContext* context,
                                                         const v1::EraseHcpDataRequest* request,
                                                         v1::EraseHcpDataResponse* response) {
  return server::Handle(context, gate_, [&](const auth::Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    validate::Id(errors, "hcp_profile_id", request->hcp_profile_id());
    // Any stored text may be named: an address that was valid when stored is
    // erased even if today's check would refuse it.
    validate::OptionalText(errors, "email", request->email(), 254);
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request->tenant_id()));
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(
        auto erased,
        erasures_.EraseHcp(request->tenant_id(), request->hcp_profile_id(), request->email(), now));
    // SEC-12: a revoked invite is audited like any other revocation.
    const AuditActor actor = CallerActor(caller, context);
    for (const auto& invite_id : erased.revoked_invite_ids) {
      audit_.Record(InviteEvent(request->tenant_id(), actor, "INVITE_REVOKE", invite_id, now));
    }
    response->set_interactions_erased(erased.interactions_erased);
    response->set_invites_cleared(erased.invites_cleared);
    response->set_invites_revoked(static_cast<int>(erased.revoked_invite_ids.size()));
    return absl::OkStatus();
  });
}

}  // namespace engage::connection
