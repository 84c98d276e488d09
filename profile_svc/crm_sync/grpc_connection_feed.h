#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_GRPC_CONNECTION_FEED_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_GRPC_CONNECTION_FEED_H_

#include <memory>

#include "common/client/service_client.h"
#include "profile_svc/crm_sync/connection_feed.h"

namespace engage::profile::sync {

// ConnectionFeed over connection_svc's ConnectionInternalService.
class GrpcConnectionFeed final : public ConnectionFeed {
 public:
  explicit GrpcConnectionFeed(std::unique_ptr<client::ServiceClient> client)
      : client_(std::move(client)) {}

  absl::StatusOr<Page> Read(const std::string& tenant, int64_t after_sequence,
                            int page_size) override;
  absl::StatusOr<bool> PostProcessingRunning(const std::string& tenant) override;

 private:
  std::unique_ptr<client::ServiceClient> client_;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_GRPC_CONNECTION_FEED_H_
