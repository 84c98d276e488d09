// CrmOrgServiceImpl: the CRM side of an org (its integration user and the
// records the sync writes), as the CRM's own users see it.
#include "absl/strings/str_cat.h"
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/crm_sync/crm_sync_service.h"
#include "profile_svc/crm_sync/sync_mapping.h"
#include "profile_svc/rules/account_rules.h"

namespace engage::profile::sync {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_INTEGRATION;

grpc::Status CrmOrgServiceImpl::ProvisionCrmIntegrationUser(
    grpc::ServerContext* context, const v1::ProvisionCrmIntegrationUserRequest* request,
    v1::ProvisionCrmIntegrationUserResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    RETURN_IF_ERROR(
        CheckIntegrationUser(request->org_id(), request->username(), request->password()));
    RETURN_IF_ERROR(store_.RequireOrg(caller.tenant, request->org_id()));
    return crm_.ProvisionIntegrationUser(caller.tenant, request->org_id(), request->username(),
                                         request->password(), request->active());
  });
}

grpc::Status CrmOrgServiceImpl::ListCrmProfiles(grpc::ServerContext* context,
                                                const v1::ListCrmProfilesRequest* request,
                                                v1::ListCrmProfilesResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    const uint64_t query = paging::QueryHash("crm-profiles/" + request->org_id());
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.RequireOrg(caller.tenant, request->org_id()));
    ASSIGN_OR_RETURN(auto rows, crm_.ListProfiles(caller.tenant, request->org_id(), page.after_key,
                                                  page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(rows, page, query, [](const auto& r) { return r.record.external_id; }));
    for (const auto& r : rows) ToProto(r, response->add_profiles());
    return absl::OkStatus();
  });
}

grpc::Status CrmOrgServiceImpl::ListCrmConnections(grpc::ServerContext* context,
                                                   const v1::ListCrmConnectionsRequest* request,
                                                   v1::ListCrmConnectionsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    const uint64_t query = paging::QueryHash("crm-connections/" + request->org_id());
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.RequireOrg(caller.tenant, request->org_id()));
    ASSIGN_OR_RETURN(auto rows, crm_.ListConnections(caller.tenant, request->org_id(),
                                                     page.after_key, page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(rows, page, query, [](const auto& r) { return r.external_id; }));
    for (const auto& r : rows) ToProto(r, response->add_connections());
    return absl::OkStatus();
  });
}

grpc::Status CrmOrgServiceImpl::EditCrmProfile(grpc::ServerContext* context,
                                               const v1::EditCrmProfileRequest* request,
                                               v1::EditCrmProfileResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    validate::Id(errors, "external_id", request->external_id());
    validate::OptionalText(errors, "title", request->title(), 200);
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.RequireOrg(caller.tenant, request->org_id()));
    auto edited = crm_.EditTitle(caller.tenant, request->org_id(), request->external_id(),
                                 request->title(), clock_.Now());
    if (!edited.ok()) return WithReason(edited.status(), "SYN-11");
    ToProto(*edited, response->mutable_profile());
    return absl::OkStatus();
  });
}

grpc::Status CrmOrgServiceImpl::AttachCrmProfilePhoto(
    grpc::ServerContext* context, const v1::AttachCrmProfilePhotoRequest* request,
    v1::AttachCrmProfilePhotoResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    validate::Id(errors, "external_id", request->external_id());
    validate::OptionalUrl(errors, "photo_url", request->photo_url());
    if (request->photo_url().empty()) errors.Add("photo_url", "is required");
    validate::Text(errors, "content_type", request->content_type(), 1, 64);
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.RequireOrg(caller.tenant, request->org_id()));
    ASSIGN_OR_RETURN(auto attached,
                     crm_.AttachPhoto(caller.tenant, request->org_id(), request->external_id(),
                                      request->photo_url(), request->content_type(), clock_.Now()));
    ToProto(attached, response->mutable_profile());
    return absl::OkStatus();
  });
}

}  // namespace engage::profile::sync
