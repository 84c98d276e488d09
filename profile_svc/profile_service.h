#ifndef ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_
#define ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_

#include "common/auth/jwt.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "profile_svc/account_store.h"
#include "profile_svc/profile_store.h"

namespace engage::profile {

// gRPC handlers of engage.profile.v1.ProfileService: verify the caller,
// validate the request, apply the rules, map the result.
class ProfileServiceImpl final : public engage::profile::v1::ProfileService::Service {
 public:
  ProfileServiceImpl(ProfileStore& store, AccountStore& accounts, const auth::JwtVerifier& verifier,
                     const Clock& clock, IdGenerator& ids)
      : store_(store), accounts_(accounts), verifier_(verifier), clock_(clock), ids_(ids) {}

  grpc::Status UpsertCompany(grpc::ServerContext* context,
                             const v1::UpsertCompanyRequest* request,
                             v1::UpsertCompanyResponse* response) override;
  grpc::Status CreateFieldUser(grpc::ServerContext* context,
                               const v1::CreateFieldUserRequest* request,
                               v1::CreateFieldUserResponse* response) override;
  grpc::Status GetBusinessCard(grpc::ServerContext* context,
                               const v1::GetBusinessCardRequest* request,
                               v1::GetBusinessCardResponse* response) override;
  grpc::Status SignUpHcp(grpc::ServerContext* context, const v1::SignUpHcpRequest* request,
                         v1::SignUpHcpResponse* response) override;

  // Orgs and accounts (profile_service_accounts.cc).
  grpc::Status CreateOrg(grpc::ServerContext* context, const v1::CreateOrgRequest* request,
                         v1::CreateOrgResponse* response) override;
  grpc::Status ListOrgs(grpc::ServerContext* context, const v1::ListOrgsRequest* request,
                        v1::ListOrgsResponse* response) override;

 private:
  ProfileStore& store_;
  AccountStore& accounts_;
  const auth::JwtVerifier& verifier_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_
