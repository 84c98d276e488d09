#ifndef ENGAGE_COMMON_AUTH_CALLER_H_
#define ENGAGE_COMMON_AUTH_CALLER_H_

#include <grpcpp/server_context.h>

#include "absl/status/statusor.h"
#include "common/auth/jwt.h"

namespace engage::auth {

// Verifies the bearer token of an incoming call. Every service does this
// itself, even behind the gateway: nothing is trusted for where it came from.
absl::StatusOr<Identity> Authenticate(const grpc::ServerContextBase& context,
                                      const JwtVerifier& verifier);

}  // namespace engage::auth

#endif  // ENGAGE_COMMON_AUTH_CALLER_H_
