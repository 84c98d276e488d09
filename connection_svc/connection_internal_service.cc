#include "connection_svc/connection_internal_service.h"

#include "common/auth/method_access.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "connection_svc/connection_mapping.h"

namespace engage::connection {

using auth::Identity;
using engage::common::v1::ROLE_SERVICE;

namespace {

constexpr int kDefaultFeedPage = 100;
constexpr int kMaxFeedPage = 1000;
constexpr int kMaxActiveConnectionProfiles = 500;  // one page of cards

}  // namespace

grpc::Status ConnectionInternalServiceImpl::ReadChangeFeed(grpc::ServerContext* context,
                                                           const v1::ReadChangeFeedRequest* request,
                                                           v1::ReadChangeFeedResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    if (request->after_sequence() < 0) errors.Add("after_sequence", "must not be negative");
    if (request->page_size() < 0 || request->page_size() > kMaxFeedPage) {
      errors.Add("page_size", "must be 0..1000 (0 means 100)");
    }
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request->tenant_id()));
    const int size = request->page_size() == 0 ? kDefaultFeedPage : request->page_size();
    ASSIGN_OR_RETURN(auto changes,
                     feed_.ReadFeed(request->tenant_id(), request->after_sequence(), size));
    int64_t last = request->after_sequence();
    for (const auto& c : changes) {
      ToProto(c, response->add_changes());
      last = c.sequence;
    }
    response->set_last_sequence(last);
    return absl::OkStatus();
  });
}

grpc::Status ConnectionInternalServiceImpl::GetPostProcessingState(
    grpc::ServerContext* context, const v1::GetPostProcessingStateRequest* request,
    v1::GetPostProcessingStateResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request->tenant_id()));
    ASSIGN_OR_RETURN(auto state, job_store_.GetJobState(request->tenant_id(), clock_.Now()));
    response->set_state(state.running ? v1::POST_PROCESSING_STATE_RUNNING
                                      : v1::POST_PROCESSING_STATE_IDLE);
    if (state.last_start_time != absl::InfinitePast()) {
      *response->mutable_last_start_time() = ToTimestamp(state.last_start_time);
    }
    if (state.last_end_time != absl::InfinitePast()) {
      *response->mutable_last_end_time() = ToTimestamp(state.last_end_time);
    }
    return absl::OkStatus();
  });
}

grpc::Status ConnectionInternalServiceImpl::GetActiveConnections(
    grpc::ServerContext* context, const v1::GetActiveConnectionsRequest* request,
    v1::GetActiveConnectionsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::TenantId(errors, "tenant_id", request->tenant_id());
    validate::Id(errors, "field_user_profile_id", request->field_user_profile_id());
    validate::IdList(errors, "hcp_profile_ids", request->hcp_profile_ids(), 1,
                     kMaxActiveConnectionProfiles);
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(auth::CheckServiceTenant(caller, request->tenant_id()));
    std::vector<std::string> ids(request->hcp_profile_ids().begin(),
                                 request->hcp_profile_ids().end());
    ASSIGN_OR_RETURN(
        auto statuses,
        connections_.StatusesFor(request->tenant_id(), request->field_user_profile_id(), ids));
    for (const auto& s : statuses) {
      if (s.status == PairStatus::kConnected)
        response->add_active_hcp_profile_ids(s.hcp_profile_id);
    }
    return absl::OkStatus();
  });
}

}  // namespace engage::connection
