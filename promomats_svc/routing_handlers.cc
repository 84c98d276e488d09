// PromoMatsServiceImpl: removing a connection (PMX-08). A change of routing
// marks the PromoMats vault in its own transaction; the background Rerouter
// (or RunDispatcher) re-routes the documents already out, with no document
// change, so a caller's call never re-plans a whole vault (SEC-11).
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "promomats_svc/promomats_service.h"

namespace engage::promomats {

using auth::Identity;

grpc::Status PromoMatsServiceImpl::DeleteConnection(grpc::ServerContext* context,
                                                    const v1::DeleteConnectionRequest* request,
                                                    v1::DeleteConnectionResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "connection_id", request->connection_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.DeleteConnection(caller.tenant, request->connection_id(), clock_.Now()));
    // What the removed CRM holds is withdrawn by the background Rerouter.
    (void)response;
    return absl::OkStatus();
  });
}

}  // namespace engage::promomats
