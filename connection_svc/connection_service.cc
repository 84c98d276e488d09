#include "connection_svc/connection_service.h"

#include "absl/strings/str_cat.h"
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "connection_svc/connection_audit.h"
#include "connection_svc/connection_mapping.h"
#include "connection_svc/grpc_profile_directory.h"
#include "connection_svc/rules/consent_rules.h"
#include "connection_svc/rules/profile_checks.h"

namespace engage::connection {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;

namespace {

constexpr int kMaxStatusProfiles = 100;

}  // namespace

absl::StatusOr<ProfileOwner> ConnectionServiceImpl::Owner(const grpc::ServerContext* context,
                                                          const std::string& tenant,
                                                          const std::string& profile_id,
                                                          const std::string& field) {
  auto owner = profiles_.GetOwner(tenant, profile_id);
  if (absl::IsNotFound(owner.status())) {
    return NoSuchProfile(field);
  }
  return owner;
}

grpc::Status ConnectionServiceImpl::ListConnections(grpc::ServerContext* context,
                                                    const v1::ListConnectionsRequest* request,
                                                    v1::ListConnectionsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    const uint64_t query = paging::QueryHash("connections/" + request->profile_id());
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    // A field user or an HCP lists their own connections only; an admin any profile's.
    if (caller.role != ROLE_ADMIN) {
      ASSIGN_OR_RETURN(auto owner,
                       Owner(context, caller.tenant, request->profile_id(), "profile_id"));
      const ProfileKind kind = caller.role == ROLE_HCP ? ProfileKind::kHcp : ProfileKind::kStaff;
      RETURN_IF_ERROR(CheckOwnProfile(owner, caller.subject, kind, "profile_id"));
    }
    auto result = connections_.ListForProfile(caller.tenant, request->profile_id(), page.after_key,
                                              page.size);
    if (!result.ok()) return result.status();
    for (const auto& c : result->connections) ToProto(c, response->add_connections());
    if (result->more) {
      response->set_next_page_token(
          paging::MakePageToken(result->connections.back().connection_id, query));
    }
    return absl::OkStatus();
  });
}

grpc::Status ConnectionServiceImpl::Disconnect(grpc::ServerContext* context,
                                               const v1::DisconnectRequest* request,
                                               v1::DisconnectResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "connection_id", request->connection_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto connection,
                     connections_.GetConnection(caller.tenant, request->connection_id()));
    // Either side may disconnect (CON-09); to anybody else the connection
    // does not exist (SEC-03), word for word as a missing one.
    const bool field_user = caller.role == ROLE_FIELD_USER;
    auto side = profiles_.GetOwner(
        caller.tenant, field_user ? connection.field_user_profile_id : connection.hcp_profile_id);
    if (!side.ok() && !absl::IsNotFound(side.status())) return side.status();
    if (!side.ok() || side->subject != caller.subject) return NoSuchConnection();
    const absl::Time now = clock_.Now();
    // SEC-06: who ended it decides what may reactivate it.
    auto done = connections_.Disconnect(caller.tenant, request->connection_id(),
                                        EndedByRole(caller.role), now);
    if (!done.ok()) return done.status();
    RecordConnectionChange(audit_, caller.tenant, CallerActor(caller, context), *done, now);
    ToProto(done->connection, response->mutable_connection());
    return absl::OkStatus();
  });
}

grpc::Status ConnectionServiceImpl::BatchGetConnectionStatuses(
    grpc::ServerContext* context, const v1::BatchGetConnectionStatusesRequest* request,
    v1::BatchGetConnectionStatusesResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "field_user_profile_id", request->field_user_profile_id());
    validate::IdList(errors, "hcp_profile_ids", request->hcp_profile_ids(), 1, kMaxStatusProfiles);
    if (!errors.empty()) return errors.ToStatus();
    if (caller.role == ROLE_FIELD_USER) {
      auto owner =
          Owner(context, caller.tenant, request->field_user_profile_id(), "field_user_profile_id");
      if (!owner.ok()) return owner.status();
      RETURN_IF_ERROR(
          CheckOwnProfile(*owner, caller.subject, ProfileKind::kStaff, "field_user_profile_id"));
    }
    std::vector<std::string> ids(request->hcp_profile_ids().begin(),
                                 request->hcp_profile_ids().end());
    ASSIGN_OR_RETURN(auto statuses, connections_.StatusesFor(
                                        caller.tenant, request->field_user_profile_id(), ids));
    for (const auto& s : statuses) {
      auto* out = response->add_statuses();
      out->set_hcp_profile_id(s.hcp_profile_id);
      out->set_status(static_cast<v1::ConnectionStatus>(s.status));
      out->set_connection_id(s.connection_id);
    }
    return absl::OkStatus();
  });
}

grpc::Status ConnectionServiceImpl::RunPostProcessing(grpc::ServerContext* context,
                                                      const v1::RunPostProcessingRequest* request,
                                                      v1::RunPostProcessingResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    ASSIGN_OR_RETURN(auto outcome, jobs_.RunForTenant(caller.tenant, CallerActor(caller, context)));
    response->set_ran(outcome.ran);
    response->set_connected_count(outcome.connected);
    response->set_deactivated_count(outcome.deactivated);
    response->set_refused_count(outcome.refused);
    return absl::OkStatus();
  });
}

}  // namespace engage::connection
