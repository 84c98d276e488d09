#ifndef ENGAGE_PROFILE_SVC_PROFILE_INTERNAL_SERVICE_H_
#define ENGAGE_PROFILE_SVC_PROFILE_INTERNAL_SERVICE_H_

#include "common/auth/jwt.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "profile_svc/profile_store.h"

namespace engage::profile {

// gRPC handlers of engage.profile.v1.ProfileInternalService: calls of the
// other services (role SERVICE), which name the tenant in the request.
class ProfileInternalServiceImpl final : public engage::profile::v1::ProfileInternalService::Service {
 public:
  ProfileInternalServiceImpl(ProfileStore& store, const auth::JwtVerifier& verifier)
      : store_(store), verifier_(verifier) {}

  grpc::Status GetProfileOwner(grpc::ServerContext* context,
                               const v1::GetProfileOwnerRequest* request,
                               v1::GetProfileOwnerResponse* response) override;

 private:
  ProfileStore& store_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_INTERNAL_SERVICE_H_
