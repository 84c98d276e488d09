#ifndef ENGAGE_PROMOMATS_SVC_WIRING_H_
#define ENGAGE_PROMOMATS_SVC_WIRING_H_

#include "common/server/service_main.h"

namespace engage::promomats {

// Everything main() runs: the options of the binary and how its services are
// built from them. The one place where this service's parts are wired.
server::ServiceBinary PromoMatsServiceBinary();

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_WIRING_H_
