// PromoMatsServiceImpl: re-routing (PMX-08). A change of routing re-routes
// the documents already out, with no document change.
#include "common/log/log.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "promomats_svc/promomats_service.h"

namespace engage::promomats {

using auth::Identity;

void PromoMatsServiceImpl::Reroute(const std::string& tenant) {
  auto queued = rerouter_.RunOnce(tenant);
  if (!queued.ok()) {
    log::Warn("re-route after a change of routing failed; the background re-router retries it",
              {{"tenant", tenant}, {"error", queued.status().ToString()}});
  }
}

grpc::Status PromoMatsServiceImpl::DeleteConnection(grpc::ServerContext* context,
                                                    const v1::DeleteConnectionRequest* request,
                                                    v1::DeleteConnectionResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "connection_id", request->connection_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.DeleteConnection(caller.tenant, request->connection_id(), clock_.Now()));
    Reroute(caller.tenant);  // what the removed CRM holds is withdrawn
    (void)response;
    return absl::OkStatus();
  });
}

}  // namespace engage::promomats
