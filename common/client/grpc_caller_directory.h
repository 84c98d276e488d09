#ifndef ENGAGE_COMMON_CLIENT_GRPC_CALLER_DIRECTORY_H_
#define ENGAGE_COMMON_CLIENT_GRPC_CALLER_DIRECTORY_H_

#include <memory>

#include "common/auth/active_callers.h"
#include "common/client/service_client.h"
#include "engage/profile/v1/profile.grpc.pb.h"

namespace engage::client {

// SEC-09 for the services that do not own users and profiles: asks
// profile_svc's GetCallerState (ActiveCallers keeps the answer a few seconds).
class GrpcCallerDirectory final : public auth::CallerDirectory {
 public:
  explicit GrpcCallerDirectory(std::shared_ptr<ServiceClient> profile);
  absl::StatusOr<auth::CallerState> StateOf(const std::string& tenant,
                                            const std::string& subject) override;

 private:
  std::shared_ptr<ServiceClient> profile_;
  std::unique_ptr<engage::profile::v1::ProfileInternalService::Stub> stub_;
};

}  // namespace engage::client

#endif  // ENGAGE_COMMON_CLIENT_GRPC_CALLER_DIRECTORY_H_
