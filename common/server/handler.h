#ifndef ENGAGE_COMMON_SERVER_HANDLER_H_
#define ENGAGE_COMMON_SERVER_HANDLER_H_

#include <grpcpp/server_context.h>

#include "common/auth/caller.h"
#include "common/status/grpc_status.h"

namespace engage::server {

// The frame of every unary handler: verify the caller, run `body` with the
// verified identity, map its status. Keeps handlers to their own logic.
template <typename Body>
grpc::Status Handle(const grpc::ServerContext* context, const auth::JwtVerifier& verifier,
                    Body body) {
  auto caller = auth::Authenticate(*context, verifier);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(body(*caller));
}

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_HANDLER_H_
