#ifndef ENGAGE_PROFILE_SVC_GRPC_CONNECTION_DIRECTORY_H_
#define ENGAGE_PROFILE_SVC_GRPC_CONNECTION_DIRECTORY_H_

#include <memory>

#include "common/client/service_client.h"
#include "profile_svc/connection_directory.h"

namespace engage::profile {

// ConnectionDirectory over ConnectionInternalService/GetActiveConnections.
class GrpcConnectionDirectory final : public ConnectionDirectory {
 public:
  explicit GrpcConnectionDirectory(std::unique_ptr<client::ServiceClient> client)
      : client_(std::move(client)) {}

  absl::StatusOr<std::set<std::string>> ActiveHcps(
      const std::string& tenant, const std::string& field_user_profile_id,
      const std::vector<std::string>& hcp_profile_ids) override;

 private:
  std::unique_ptr<client::ServiceClient> client_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_GRPC_CONNECTION_DIRECTORY_H_
