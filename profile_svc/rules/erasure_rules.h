#ifndef ENGAGE_PROFILE_SVC_RULES_ERASURE_RULES_H_
#define ENGAGE_PROFILE_SVC_RULES_ERASURE_RULES_H_

#include "absl/time/time.h"

namespace engage::profile {

// PRF-11: when an erasure connection_svc could not confirm is tried again,
// after `attempts` failed attempts (1, 2, ...): 5 s doubling per attempt, at
// most an hour apart. It is never given up: a deletion must not be lost.
absl::Duration ErasureRetryDelay(int attempts);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_RULES_ERASURE_RULES_H_
