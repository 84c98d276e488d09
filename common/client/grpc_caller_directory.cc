#include "common/client/grpc_caller_directory.h"

#include "common/status/grpc_status.h"

namespace engage::client {

namespace pv1 = engage::profile::v1;

GrpcCallerDirectory::GrpcCallerDirectory(std::shared_ptr<ServiceClient> profile)
    : profile_(std::move(profile)),
      stub_(pv1::ProfileInternalService::NewStub(profile_->channel())) {}

absl::StatusOr<auth::CallerState> GrpcCallerDirectory::StateOf(const std::string& tenant,
                                                               const std::string& subject) {
  pv1::GetCallerStateRequest request;
  request.set_tenant_id(tenant);
  request.set_subject(subject);
  pv1::GetCallerStateResponse response;
  auto context = profile_->Context(nullptr, absl::Seconds(2));
  grpc::Status st = stub_->GetCallerState(context.get(), request, &response);
  if (!st.ok()) return FromGrpcStatus(st);
  switch (response.state()) {
    case pv1::CALLER_STATE_ACTIVE:
      return auth::CallerState::kActive;
    case pv1::CALLER_STATE_DEACTIVATED:
      return auth::CallerState::kDeactivated;
    case pv1::CALLER_STATE_REMOVED:
      return auth::CallerState::kRemoved;
    default:
      return auth::CallerState::kUnknown;
  }
}

}  // namespace engage::client
