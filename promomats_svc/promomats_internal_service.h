#ifndef ENGAGE_PROMOMATS_SVC_PROMOMATS_INTERNAL_SERVICE_H_
#define ENGAGE_PROMOMATS_SVC_PROMOMATS_INTERNAL_SERVICE_H_

#include "common/auth/jwt.h"
#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "promomats_svc/dispatcher.h"

namespace engage::promomats {

// gRPC handlers of engage.promomats.v1.PromoMatsInternalService (role
// SERVICE, tenant named in the request): lets operators and tests run the
// dispatcher once, deterministically.
class PromoMatsInternalServiceImpl final
    : public engage::promomats::v1::PromoMatsInternalService::Service {
 public:
  PromoMatsInternalServiceImpl(Dispatcher& dispatcher, const auth::JwtVerifier& verifier)
      : dispatcher_(dispatcher), verifier_(verifier) {}

  grpc::Status RunDispatcher(grpc::ServerContext* context, const v1::RunDispatcherRequest* request,
                             v1::RunDispatcherResponse* response) override;

 private:
  Dispatcher& dispatcher_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_PROMOMATS_INTERNAL_SERVICE_H_
