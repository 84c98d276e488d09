#ifndef ENGAGE_PROMOMATS_SVC_PROMOMATS_INTERNAL_SERVICE_H_
#define ENGAGE_PROMOMATS_SVC_PROMOMATS_INTERNAL_SERVICE_H_

#include "common/server/gatekeeper.h"
#include "common/server/unary_method.h"
#include "engage/promomats/v1/promomats.grpc.pb.h"
#include "promomats_svc/dispatcher.h"
#include "promomats_svc/email_template_store.h"
#include "promomats_svc/rerouter.h"

namespace engage::promomats {

// gRPC handlers of engage.promomats.v1.PromoMatsInternalService (role
// SERVICE, tenant named in the request): lets operators and tests run the
// re-router and then the dispatcher once, deterministically; tells connection_svc which approved
// e-mail template a CRM org holds (CON-13).
class PromoMatsInternalServiceImpl final
    : public engage::promomats::v1::PromoMatsInternalService::Service {
 public:
  PromoMatsInternalServiceImpl(Dispatcher& dispatcher, Rerouter& rerouter,
                               EmailTemplateStore& templates, const server::Gatekeeper& gate)
      : dispatcher_(dispatcher), rerouter_(rerouter), templates_(templates), gate_(gate) {}

  ENGAGE_UNARY_METHOD(RunDispatcher);
  ENGAGE_UNARY_METHOD(GetApprovedEmailTemplate);

 private:
  Dispatcher& dispatcher_;
  Rerouter& rerouter_;
  EmailTemplateStore& templates_;
  const server::Gatekeeper& gate_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_PROMOMATS_INTERNAL_SERVICE_H_
