#include "profile_svc/grpc_connection_eraser.h"

#include "common/status/grpc_status.h"
#include "engage/connection/v1/connection.grpc.pb.h"

namespace engage::profile {

namespace cv1 = engage::connection::v1;

absl::Status GrpcConnectionEraser::EraseHcpData(const std::string& tenant,
                                                const std::string& profile_id,
                                                const std::string& email) {
  auto stub = cv1::ConnectionInternalService::NewStub(client_->channel());
  cv1::EraseHcpDataRequest request;
  request.set_tenant_id(tenant);
  request.set_hcp_profile_id(profile_id);
  request.set_email(email);
  cv1::EraseHcpDataResponse response;
  // At most 5 s, and never past the served call's deadline when there is one.
  auto context = client_->Context(nullptr, absl::Seconds(5));
  grpc::Status st = stub->EraseHcpData(context.get(), request, &response);
  return st.ok() ? absl::OkStatus() : FromGrpcStatus(st);
}

}  // namespace engage::profile
