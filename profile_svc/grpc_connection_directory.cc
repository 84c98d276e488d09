#include "profile_svc/grpc_connection_directory.h"

#include <algorithm>

#include "common/status/grpc_status.h"
#include "engage/connection/v1/connection.grpc.pb.h"

namespace engage::profile {

namespace cv1 = engage::connection::v1;

absl::StatusOr<std::set<std::string>> GrpcConnectionDirectory::ActiveHcps(
    const std::string& tenant, const std::string& field_user_profile_id,
    const std::vector<std::string>& hcp_profile_ids) {
  std::set<std::string> active;
  if (hcp_profile_ids.empty()) return active;
  auto stub = cv1::ConnectionInternalService::NewStub(client_->channel());
  cv1::GetActiveConnectionsRequest request;
  request.set_tenant_id(tenant);
  request.set_field_user_profile_id(field_user_profile_id);
  for (const auto& id : hcp_profile_ids) request.add_hcp_profile_ids(id);
  cv1::GetActiveConnectionsResponse response;
  // At most 2 s, and never past the served call's deadline (the thread's current call).
  auto context = client_->Context(nullptr, absl::Seconds(2));
  grpc::Status st = stub->GetActiveConnections(context.get(), request, &response);
  if (!st.ok()) return FromGrpcStatus(st);
  active.insert(response.active_hcp_profile_ids().begin(), response.active_hcp_profile_ids().end());
  return active;
}

}  // namespace engage::profile
