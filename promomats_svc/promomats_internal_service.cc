#include "promomats_svc/promomats_internal_service.h"

#include <optional>

#include "common/auth/method_access.h"
#include "common/server/handler.h"
#include "common/validate/text.h"
#include "promomats_svc/rules/email_template_rules.h"

namespace engage::promomats {
namespace {

// The CRM org's type a GetApprovedEmailTemplate asks for; unset (a
// connection_svc from before the field, in a rolling upgrade): either.
std::optional<VaultType> CrmTypeAsked(v1::VaultType type) {
  if (type == v1::VAULT_TYPE_UNSPECIFIED) return std::nullopt;
  return static_cast<VaultType>(type);
}

}  // namespace

grpc::Status PromoMatsInternalServiceImpl::RunDispatcher(grpc::ServerContext* context,
                                                         const v1::RunDispatcherRequest* request,
                                                         v1::RunDispatcherResponse* response) {
  return server::Handle(context, gate_, [&](const auth::Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    if (!errors.empty()) return errors.ToStatus();
    if (auto st = auth::CheckServiceTenant(caller, request->tenant_id()); !st.ok()) return st;
    // PMX-08: the tenant's marked re-routes first, so their CrossLinks go out now.
    if (auto rerouted = rerouter_.RunOnce(request->tenant_id()); !rerouted.ok()) {
      return rerouted.status();
    }
    auto result = dispatcher_.RunOnce(request->tenant_id());
    if (!result.ok()) return result.status();
    response->set_delivered(result->delivered);
    response->set_failed(result->failed);
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsInternalServiceImpl::GetApprovedEmailTemplate(
    grpc::ServerContext* context, const v1::GetApprovedEmailTemplateRequest* request,
    v1::GetApprovedEmailTemplateResponse* response) {
  return server::Handle(context, gate_, [&](const auth::Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    validate::Text(errors, "crm_domain", request->crm_domain(), 1, 253);
    validate::OptionalText(errors, "template_name", request->template_name(), 200);
    if (!v1::VaultType_IsValid(request->crm_type())) {
      errors.Add("crm_type", "must be VAULT_TYPE_PRODUCTION, VAULT_TYPE_SANDBOX or unset");
    }
    if (!errors.empty()) return errors.ToStatus();
    if (auto st = auth::CheckServiceTenant(caller, request->tenant_id()); !st.ok()) return st;
    // More approved e-mail templates than this in one org is not a CRM the
    // invite's choice could be made in anyway.
    constexpr int kMaxTemplates = 1000;
    auto links = templates_.ActiveEmailTemplates(request->tenant_id(), request->crm_domain(),
                                                 CrmTypeAsked(request->crm_type()), kMaxTemplates);
    if (!links.ok()) return links.status();
    auto picked = PickEmailTemplate(*links, request->template_name());
    if (!picked.ok()) return picked.status();
    auto* out = response->mutable_email_template();
    out->set_crm_vault_id(picked->crm_vault_id);
    out->set_document_id(picked->document_id);
    out->set_version(picked->version);
    out->set_name(picked->name);
    out->set_subject(picked->subject);
    out->set_body(picked->body);
    return absl::OkStatus();
  });
}

}  // namespace engage::promomats
