#ifndef ENGAGE_PROFILE_SVC_PROFILE_INTERNAL_SERVICE_H_
#define ENGAGE_PROFILE_SVC_PROFILE_INTERNAL_SERVICE_H_

#include "common/server/gatekeeper.h"
#include "common/server/unary_method.h"
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

  ENGAGE_UNARY_METHOD(GetProfileOwner);
  ENGAGE_UNARY_METHOD(LinkProfileToAccount);
  ENGAGE_UNARY_METHOD(ListSignUps);
  ENGAGE_UNARY_METHOD(GetOrg);
  ENGAGE_UNARY_METHOD(ListProfileRemovals);
  ENGAGE_UNARY_METHOD(GetProfileOwners);
  ENGAGE_UNARY_METHOD(GetCallerState);

 private:
  ProfileStore& store_;
  AccountStore& accounts_;
  auth::CallerDirectory& callers_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_INTERNAL_SERVICE_H_
