#ifndef ENGAGE_CONNECTION_SVC_WIRING_H_
#define ENGAGE_CONNECTION_SVC_WIRING_H_

#include "common/server/service_main.h"

namespace engage::connection {

// Everything main() runs: the options of the binary and how its services are
// built from them. The one place where this service's parts are wired.
server::ServiceBinary ConnectionServiceBinary();

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_WIRING_H_
