#ifndef ENGAGE_PROFILE_SVC_WIRING_H_
#define ENGAGE_PROFILE_SVC_WIRING_H_

#include "common/server/service_main.h"

namespace engage::profile {

// Everything main() runs: the options of the binary and how its services are
// built from them. The one place where this service's parts are wired.
server::ServiceBinary ProfileServiceBinary();

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_WIRING_H_
