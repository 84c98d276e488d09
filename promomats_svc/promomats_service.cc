#include "promomats_svc/promomats_service.h"

#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/validate/text.h"

namespace engage::promomats {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_INTEGRATION;

namespace {

void ToProto(const Vault& v, v1::Vault* out) {
  out->set_vault_id(v.vault_id);
  out->set_name(v.name);
  out->set_kind(static_cast<v1::VaultKind>(v.kind));
  out->set_type(static_cast<v1::VaultType>(v.type));
  out->set_domain(v.domain);
}

// A DNS name: labels of letters, digits and hyphens separated by dots.
bool IsDomain(const std::string& d) {
  if (d.empty() || d.size() > 253 || d.front() == '.' || d.back() == '.' ||
      d.find('.') == std::string::npos) {
    return false;
  }
  for (char c : d) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return false;
  }
  return d.find("..") == std::string::npos;
}

}  // namespace

grpc::Status PromoMatsServiceImpl::RegisterVault(grpc::ServerContext* context,
                                                 const v1::RegisterVaultRequest* request,
                                                 v1::RegisterVaultResponse* response) {
  return server::Handle(context, verifier_, [&](const Identity& caller) -> absl::Status {
    if (auto st = auth::RequireRole(caller, {ROLE_ADMIN, ROLE_INTEGRATION}); !st.ok()) return st;
    FieldErrors errors;
    validate::Text(errors, "request_id", request->request_id(), 1, 64);
    validate::Text(errors, "name", request->name(), 1, 200);
    if (!v1::VaultKind_IsValid(request->kind()) || request->kind() == v1::VAULT_KIND_UNSPECIFIED) {
      errors.Add("kind", "must be VAULT_KIND_PROMOMATS or VAULT_KIND_CRM");
    }
    if (!v1::VaultType_IsValid(request->type()) || request->type() == v1::VAULT_TYPE_UNSPECIFIED) {
      errors.Add("type", "must be VAULT_TYPE_PRODUCTION or VAULT_TYPE_SANDBOX");
    }
    if (!IsDomain(request->domain())) errors.Add("domain", "must be a DNS name such as vault.example.com");
    if (!errors.empty()) return errors.ToStatus();
    Vault vault{ids_.Next(), request->name(), static_cast<VaultKind>(request->kind()),
                static_cast<VaultType>(request->type()), request->domain()};
    auto stored = vaults_.Register(caller.tenant, request->request_id(), vault, clock_.Now());
    if (!stored.ok()) return stored.status();
    ToProto(*stored, response->mutable_vault());
    return absl::OkStatus();
  });
}

grpc::Status PromoMatsServiceImpl::ListVaults(grpc::ServerContext* context,
                                              const v1::ListVaultsRequest* request,
                                              v1::ListVaultsResponse* response) {
  return server::Handle(context, verifier_, [&](const Identity& caller) -> absl::Status {
    if (auto st = auth::RequireRole(caller, {ROLE_ADMIN, ROLE_INTEGRATION}); !st.ok()) return st;
    FieldErrors errors;
    const uint64_t query = paging::QueryHash("vaults");
    paging::Page page = paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    auto result = vaults_.List(caller.tenant, page.after_key, page.size);
    if (!result.ok()) return result.status();
    for (const auto& v : result->vaults) ToProto(v, response->add_vaults());
    if (result->more) {
      response->set_next_page_token(paging::MakePageToken(result->vaults.back().vault_id, query));
    }
    return absl::OkStatus();
  });
}

}  // namespace engage::promomats
