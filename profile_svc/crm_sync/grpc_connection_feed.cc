#include "profile_svc/crm_sync/grpc_connection_feed.h"

#include "common/status/grpc_status.h"
#include "engage/connection/v1/connection.grpc.pb.h"

namespace engage::profile::sync {

namespace cv1 = engage::connection::v1;

absl::StatusOr<ConnectionFeed::Page> GrpcConnectionFeed::Read(const std::string& tenant,
                                                              int64_t after_sequence,
                                                              int page_size) {
  auto stub = cv1::ConnectionInternalService::NewStub(client_->channel());
  cv1::ReadChangeFeedRequest request;
  request.set_tenant_id(tenant);
  request.set_after_sequence(after_sequence);
  request.set_page_size(page_size);
  cv1::ReadChangeFeedResponse response;
  auto context = client_->Context(nullptr, absl::Seconds(30));
  grpc::Status st = stub->ReadChangeFeed(context.get(), request, &response);
  if (!st.ok()) return FromGrpcStatus(st);
  Page page;
  page.last_sequence = response.last_sequence();
  for (const auto& c : response.changes()) {
    MirroredConnection m;
    m.connection_id = c.connection_id();
    m.field_user_profile_id = c.field_user_profile_id();
    m.hcp_profile_id = c.hcp_profile_id();
    m.active = c.kind() != cv1::CHANGE_KIND_DEACTIVATED;
    if (!m.active) {
      m.inactivation_time = absl::FromUnixSeconds(c.change_time().seconds()) +
                            absl::Nanoseconds(c.change_time().nanos());
    }
    m.changed_sequence = c.sequence();
    page.changes.push_back(std::move(m));
  }
  return page;
}

absl::StatusOr<bool> GrpcConnectionFeed::PostProcessingRunning(const std::string& tenant) {
  auto stub = cv1::ConnectionInternalService::NewStub(client_->channel());
  cv1::GetPostProcessingStateRequest request;
  request.set_tenant_id(tenant);
  cv1::GetPostProcessingStateResponse response;
  auto context = client_->Context(nullptr);
  grpc::Status st = stub->GetPostProcessingState(context.get(), request, &response);
  if (!st.ok()) return FromGrpcStatus(st);
  return response.state() == cv1::POST_PROCESSING_STATE_RUNNING;
}

}  // namespace engage::profile::sync
