#include "promomats_svc/promomats_internal_service.h"

#include "common/server/handler.h"
#include "common/validate/text.h"

namespace engage::promomats {

grpc::Status PromoMatsInternalServiceImpl::RunDispatcher(grpc::ServerContext* context,
                                                         const v1::RunDispatcherRequest* request,
                                                         v1::RunDispatcherResponse* response) {
  return server::Handle(context, verifier_, [&](const auth::Identity& caller) -> absl::Status {
    if (auto st = auth::RequireRole(caller, {engage::common::v1::ROLE_SERVICE}); !st.ok()) return st;
    FieldErrors errors;
    validate::Text(errors, "tenant_id", request->tenant_id(), 1, 64);
    if (!errors.empty()) return errors.ToStatus();
    auto result = dispatcher_.RunOnce(request->tenant_id());
    if (!result.ok()) return result.status();
    response->set_delivered(result->delivered);
    response->set_failed(result->failed);
    return absl::OkStatus();
  });
}

}  // namespace engage::promomats
