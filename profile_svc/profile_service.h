#ifndef ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_
#define ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_

#include "common/auth/jwt.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "profile_svc/profile_store.h"

namespace engage::profile {

// gRPC handlers of engage.profile.v1.ProfileService: verify the caller,
// validate the request, apply the rules, map the result.
class ProfileServiceImpl final : public engage::profile::v1::ProfileService::Service {
 public:
  ProfileServiceImpl(ProfileStore& store, const auth::JwtVerifier& verifier, const Clock& clock,
                     IdGenerator& ids)
      : store_(store), verifier_(verifier), clock_(clock), ids_(ids) {}

  grpc::Status UpsertCompany(grpc::ServerContext* context,
                             const v1::UpsertCompanyRequest* request,
                             v1::UpsertCompanyResponse* response) override;
  grpc::Status CreateFieldUser(grpc::ServerContext* context,
                               const v1::CreateFieldUserRequest* request,
                               v1::CreateFieldUserResponse* response) override;
  grpc::Status GetBusinessCard(grpc::ServerContext* context,
                               const v1::GetBusinessCardRequest* request,
                               v1::GetBusinessCardResponse* response) override;

 private:
  ProfileStore& store_;
  const auth::JwtVerifier& verifier_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_
