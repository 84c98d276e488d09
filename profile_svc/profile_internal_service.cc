#include "profile_svc/profile_internal_service.h"

#include "common/server/handler.h"
#include "common/validate/text.h"

namespace engage::profile {

using auth::Identity;
using engage::common::v1::ROLE_SERVICE;

grpc::Status ProfileInternalServiceImpl::GetProfileOwner(grpc::ServerContext* context,
                                                 const v1::GetProfileOwnerRequest* request,
                                                 v1::GetProfileOwnerResponse* response) {
  return server::Handle(context, verifier_, [&](const Identity& caller) -> absl::Status {
    if (auto st = auth::RequireRole(caller, {ROLE_SERVICE}); !st.ok()) return st;
    FieldErrors errors;
    validate::Text(errors, "tenant_id", request->tenant_id(), 1, 64);
    validate::Id(errors, "profile_id", request->profile_id());
    if (!errors.empty()) return errors.ToStatus();
    auto owner = store_.GetOwner(request->tenant_id(), request->profile_id());
    if (!owner.ok()) return owner.status();
    response->set_profile_id(owner->profile_id);
    response->set_kind(static_cast<v1::ProfileKind>(owner->kind));
    response->set_subject(owner->subject);
    response->set_deleted(owner->deleted);
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
