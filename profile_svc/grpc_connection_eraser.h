#ifndef ENGAGE_PROFILE_SVC_GRPC_CONNECTION_ERASER_H_
#define ENGAGE_PROFILE_SVC_GRPC_CONNECTION_ERASER_H_

#include <memory>

#include "common/client/service_client.h"
#include "profile_svc/connection_eraser.h"

namespace engage::profile {

// ConnectionEraser over ConnectionInternalService/EraseHcpData.
class GrpcConnectionEraser final : public ConnectionEraser {
 public:
  explicit GrpcConnectionEraser(std::unique_ptr<client::ServiceClient> client)
      : client_(std::move(client)) {}

  absl::Status EraseHcpData(const std::string& tenant, const std::string& profile_id,
                            const std::string& email) override;

 private:
  std::unique_ptr<client::ServiceClient> client_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_GRPC_CONNECTION_ERASER_H_
