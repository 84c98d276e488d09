#include "profile_svc/profile_internal_service.h"

#include "common/auth/method_access.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/proto_mapping.h"
#include "profile_svc/rules/account_rules.h"
#include "profile_svc/rules/feed_cursor.h"

namespace engage::profile {

using auth::Identity;
using engage::common::v1::ROLE_SERVICE;

namespace {

// One page of a change feed (sign-ups, removals) for a service of the tenant:
// the request's tenant, cursor and page size checked, then read.
template <typename FeedRequest>
absl::StatusOr<std::vector<FeedEntry>> FeedPage(ProfileStore& store, const Identity& caller,
                                                const FeedRequest& request, Feed feed) {
  FieldErrors errors;
  validate::TenantId(errors, "tenant_id", request.tenant_id());
  const int64_t after = ParseFeedCursor(errors, "after_cursor", request.after_cursor());
  const int size = FeedPageSize(errors, "page_size", request.page_size());
  if (!errors.empty()) return errors.ToStatus();
  RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request.tenant_id()));
  return store.ReadFeed(request.tenant_id(), feed, after, size);
}

}  // namespace

grpc::Status ProfileInternalServiceImpl::GetProfileOwner(grpc::ServerContext* context,
                                                         const v1::GetProfileOwnerRequest* request,
                                                         v1::GetProfileOwnerResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    validate::Id(errors, "profile_id", request->profile_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request->tenant_id()));
    ASSIGN_OR_RETURN(auto owner, store_.GetOwner(request->tenant_id(), request->profile_id()));
    ToProto(owner, response);
    return absl::OkStatus();
  });
}

grpc::Status ProfileInternalServiceImpl::GetProfileOwners(
    grpc::ServerContext* context, const v1::GetProfileOwnersRequest* request,
    v1::GetProfileOwnersResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    constexpr int kMaxProfiles = 500;
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    validate::IdList(errors, "profile_ids", request->profile_ids(), 0, kMaxProfiles);
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request->tenant_id()));
    ASSIGN_OR_RETURN(auto owners,
                     store_.GetOwners(request->tenant_id(), {request->profile_ids().begin(),
                                                             request->profile_ids().end()}));
    for (const auto& owner : owners) ToProto(owner, response->add_owners());
    return absl::OkStatus();
  });
}

grpc::Status ProfileInternalServiceImpl::LinkProfileToAccount(
    grpc::ServerContext* context, const v1::LinkProfileToAccountRequest* request,
    v1::LinkProfileToAccountResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    validate::Id(errors, "profile_id", request->profile_id());
    OrgId(errors, "org_id", request->org_id());
    AccountId(errors, "account_id", request->account_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request->tenant_id()));
    ASSIGN_OR_RETURN(auto linked,
                     accounts_.LinkProfile(request->tenant_id(), request->profile_id(),
                                           request->org_id(), request->account_id(), clock_.Now()));
    response->set_account_id(linked);
    return absl::OkStatus();
  });
}

grpc::Status ProfileInternalServiceImpl::ListSignUps(grpc::ServerContext* context,
                                                     const v1::ListSignUpsRequest* request,
                                                     v1::ListSignUpsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    ASSIGN_OR_RETURN(auto entries, FeedPage(store_, caller, *request, Feed::kSignUps));
    for (const auto& e : entries) {
      v1::SignUp* out = response->add_sign_ups();
      out->set_cursor(FeedCursor(e.sequence));
      out->set_profile_id(e.profile_id);
      out->set_email(e.email);
      *out->mutable_sign_up_time() = ToTimestamp(e.time);
    }
    return absl::OkStatus();
  });
}

grpc::Status ProfileInternalServiceImpl::GetOrg(grpc::ServerContext* context,
                                                const v1::GetOrgRequest* request,
                                                v1::GetOrgResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    OrgId(errors, "org_id", request->org_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request->tenant_id()));
    ASSIGN_OR_RETURN(auto org, accounts_.GetOrg(request->tenant_id(), request->org_id()));
    ToProto(org, response->mutable_org());
    return absl::OkStatus();
  });
}

grpc::Status ProfileInternalServiceImpl::ListProfileRemovals(
    grpc::ServerContext* context, const v1::ListProfileRemovalsRequest* request,
    v1::ListProfileRemovalsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    ASSIGN_OR_RETURN(auto entries, FeedPage(store_, caller, *request, Feed::kRemovals));
    for (const auto& e : entries) {
      v1::ProfileRemoval* out = response->add_removals();
      out->set_cursor(FeedCursor(e.sequence));
      out->set_profile_id(e.profile_id);
      out->set_merged_into_profile_id(e.merged_into);
      *out->mutable_removal_time() = ToTimestamp(e.time);
    }
    return absl::OkStatus();
  });
}

grpc::Status ProfileInternalServiceImpl::GetCallerState(grpc::ServerContext* context,
                                                        const v1::GetCallerStateRequest* request,
                                                        v1::GetCallerStateResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    validate::Text(errors, "subject", request->subject(), 1, 128);
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request->tenant_id()));
    ASSIGN_OR_RETURN(auto state, callers_.StateOf(request->tenant_id(), request->subject()));
    switch (state) {
      case auth::CallerState::kActive:
        response->set_state(v1::CALLER_STATE_ACTIVE);
        break;
      case auth::CallerState::kDeactivated:
        response->set_state(v1::CALLER_STATE_DEACTIVATED);
        break;
      case auth::CallerState::kRemoved:
        response->set_state(v1::CALLER_STATE_REMOVED);
        break;
      case auth::CallerState::kUnknown:
        response->set_state(v1::CALLER_STATE_UNKNOWN);
        break;
    }
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
