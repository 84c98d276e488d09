#ifndef ENGAGE_PROFILE_SVC_PROFILE_INTERNAL_SERVICE_H_
#define ENGAGE_PROFILE_SVC_PROFILE_INTERNAL_SERVICE_H_

#include "common/server/gatekeeper.h"
#include "common/time/clock.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "profile_svc/account_store.h"
#include "profile_svc/profile_store.h"

namespace engage::profile {

// gRPC handlers of engage.profile.v1.ProfileInternalService: calls of the
// other services (role SERVICE), which name the tenant in the request.
class ProfileInternalServiceImpl final
    : public engage::profile::v1::ProfileInternalService::Service {
 public:
  ProfileInternalServiceImpl(ProfileStore& store, AccountStore& accounts,
                             auth::CallerDirectory& callers, const server::Gatekeeper& gate,
                             const Clock& clock)
      : store_(store), accounts_(accounts), callers_(callers), gate_(gate), clock_(clock) {}

  grpc::Status GetProfileOwner(grpc::ServerContext* context,
                               const v1::GetProfileOwnerRequest* request,
                               v1::GetProfileOwnerResponse* response) override;
  grpc::Status LinkProfileToAccount(grpc::ServerContext* context,
                                    const v1::LinkProfileToAccountRequest* request,
                                    v1::LinkProfileToAccountResponse* response) override;
  grpc::Status ListSignUps(grpc::ServerContext* context, const v1::ListSignUpsRequest* request,
                           v1::ListSignUpsResponse* response) override;
  grpc::Status GetOrg(grpc::ServerContext* context, const v1::GetOrgRequest* request,
                      v1::GetOrgResponse* response) override;
  grpc::Status ListProfileRemovals(grpc::ServerContext* context,
                                   const v1::ListProfileRemovalsRequest* request,
                                   v1::ListProfileRemovalsResponse* response) override;
  grpc::Status GetProfileOwners(grpc::ServerContext* context,
                                const v1::GetProfileOwnersRequest* request,
                                v1::GetProfileOwnersResponse* response) override;
  grpc::Status GetCallerState(grpc::ServerContext* context,
                              const v1::GetCallerStateRequest* request,
                              v1::GetCallerStateResponse* response) override;

 private:
  ProfileStore& store_;
  AccountStore& accounts_;
  auth::CallerDirectory& callers_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_INTERNAL_SERVICE_H_
