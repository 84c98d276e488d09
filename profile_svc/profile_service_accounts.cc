// ProfileService handlers of CRM orgs and accounts (PRF-09, PRF-10).
#include <algorithm>
#include <set>

#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/profile_service.h"
#include "profile_svc/proto_mapping.h"
#include "profile_svc/rules/account_rules.h"
#include "profile_svc/rules/card_visibility.h"
#include "profile_svc/rules/indicator_rules.h"

namespace engage::profile {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_INTEGRATION;

grpc::Status ProfileServiceImpl::CreateOrg(grpc::ServerContext* context,
                                           const v1::CreateOrgRequest* request,
                                           v1::CreateOrgResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const v1::Org& in = request->org();
    OrgId(errors, "org.org_id", in.org_id());
    if (!v1::OrgType_IsValid(in.type()) || in.type() == v1::ORG_TYPE_UNSPECIFIED) {
      errors.Add("org.type", "must be ORG_TYPE_PRODUCTION or ORG_TYPE_SANDBOX");
    }
    Domain(errors, "org.domain", in.domain());
    if (!errors.empty()) return errors.ToStatus();
    Org org{in.org_id(), static_cast<OrgType>(in.type()), in.domain()};
    ASSIGN_OR_RETURN(auto created, accounts_.CreateOrg(caller.tenant, org, clock_.Now()));
    ToProto(created, response->mutable_org());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::ListOrgs(grpc::ServerContext* context,
                                          const v1::ListOrgsRequest* request,
                                          v1::ListOrgsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const uint64_t query = paging::QueryHash("orgs");
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto orgs, accounts_.ListOrgs(caller.tenant, page.after_key, page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(orgs, page, query, [](const auto& o) { return o.org_id; }));
    for (const auto& o : orgs) ToProto(o, response->add_orgs());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::LinkAccount(grpc::ServerContext* context,
                                             const v1::LinkAccountRequest* request,
                                             v1::LinkAccountResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    OrgId(errors, "org_id", request->org_id());
    AccountId(errors, "account_id", request->account_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto linked,
                     accounts_.LinkProfile(caller.tenant, request->profile_id(), request->org_id(),
                                           request->account_id(), clock_.Now()));
    response->set_account_id(linked);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::UnlinkAccount(grpc::ServerContext* context,
                                               const v1::UnlinkAccountRequest* request,
                                               v1::UnlinkAccountResponse*) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    OrgId(errors, "org_id", request->org_id());
    if (!errors.empty()) return errors.ToStatus();
    return accounts_.UnlinkProfile(caller.tenant, request->profile_id(), request->org_id(),
                                   clock_.Now());
  });
}

grpc::Status ProfileServiceImpl::RecordAccountMerge(grpc::ServerContext* context,
                                                    const v1::RecordAccountMergeRequest* request,
                                                    v1::RecordAccountMergeResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    AccountId(errors, "losing_account_id", request->losing_account_id());
    AccountId(errors, "winning_account_id", request->winning_account_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(
        auto winner,
        accounts_.RecordMerge(caller.tenant, request->org_id(), request->losing_account_id(),
                              request->winning_account_id(), clock_.Now()));
    response->set_winning_account_id(winner);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::GetAccountIndicator(grpc::ServerContext* context,
                                                     const v1::GetAccountIndicatorRequest* request,
                                                     v1::GetAccountIndicatorResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    AccountId(errors, "account_id", request->account_id());
    if (!request->field_user_profile_id().empty()) {
      validate::Id(errors, "field_user_profile_id", request->field_user_profile_id());
    }
    if (!errors.empty()) return errors.ToStatus();
    std::string own;
    if (caller.role == ROLE_FIELD_USER) {
      ASSIGN_OR_RETURN(own, store_.ProfileIdOfSubject(caller.tenant, caller.subject));
      ASSIGN_OR_RETURN(const ProfileOwner me, store_.GetOwner(caller.tenant, own));
      RETURN_IF_ERROR(CheckIndicatorOrg(caller, me.org_id, request->org_id()));
    }
    ASSIGN_OR_RETURN(const std::string viewer,
                     IndicatorViewer(caller, request->field_user_profile_id(), own));
    if (!viewer.empty() && viewer != own) {  // an admin names the field user
      auto owner = store_.GetOwner(caller.tenant, viewer);
      if (!owner.ok() && !absl::IsNotFound(owner.status())) return owner.status();
      if (!owner.ok() || owner->kind != ProfileKind::kStaff || owner->deleted) {
        return InvalidField("field_user_profile_id", "must name a field user's staff profile");
      }
    }
    auto indicator =
        accounts_.GetIndicator(caller.tenant, request->org_id(), request->account_id());
    if (!indicator.ok()) return indicator.status();
    // PRF-09: the viewer's connection to every linked profile, asked of
    // connection_svc once for the whole account (at most 500 per call).
    std::set<std::string> connected;
    if (!viewer.empty()) {
      std::vector<std::string> ids;
      for (const auto& e : indicator->profiles) {
        if (!e.deleted) ids.push_back(e.profile_id);
      }
      for (size_t i = 0; i < ids.size(); i += 500) {
        std::vector<std::string> batch(ids.begin() + i,
                                       ids.begin() + std::min(ids.size(), i + 500));
        ASSIGN_OR_RETURN(auto active, connections_.ActiveHcps(caller.tenant, viewer, batch));
        connected.insert(active.begin(), active.end());
      }
    }
    response->set_account_id(indicator->account_id);
    for (const auto& e : indicator->profiles) {
      // SEC-03: the indicator shows only public parts (display name, status),
      // which every admin and field user may see; a caller who may not see an
      // HCP card at all gets no entry for it.
      if (CardVisibility(caller, {ProfileKind::kHcp, ""}, false) == CardView::kNone) continue;
      v1::LinkedProfile* out = response->add_profiles();
      out->set_profile_id(e.profile_id);
      out->set_display_name(e.display_name);
      out->set_status(e.deleted ? v1::PROFILE_STATUS_DELETED : v1::PROFILE_STATUS_ACTIVE);
      if (!viewer.empty()) {
        out->set_connection_status(connected.count(e.profile_id)
                                       ? v1::INDICATOR_CONNECTION_STATUS_CONNECTED
                                       : v1::INDICATOR_CONNECTION_STATUS_NOT_CONNECTED);
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
