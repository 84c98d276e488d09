#include "promomats_svc/promomats_internal_service.h"

#include "common/auth/method_access.h"
#include "common/server/handler.h"
#include "common/validate/text.h"

namespace engage::promomats {

grpc::Status PromoMatsInternalServiceImpl::RunDispatcher(grpc::ServerContext* context,
                                                         const v1::RunDispatcherRequest* request,
                                                         v1::RunDispatcherResponse* response) {
  return server::Handle(context, gate_, [&](const auth::Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    if (!errors.empty()) return errors.ToStatus();
    if (auto st = auth::CheckServiceTenant(caller, request->tenant_id()); !st.ok()) return st;
    auto result = dispatcher_.RunOnce(request->tenant_id());
    if (!result.ok()) return result.status();
    response->set_delivered(result->delivered);
    response->set_failed(result->failed);
    return absl::OkStatus();
  });
}

}  // namespace engage::promomats
