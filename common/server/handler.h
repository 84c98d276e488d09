#ifndef ENGAGE_COMMON_SERVER_HANDLER_H_
#define ENGAGE_COMMON_SERVER_HANDLER_H_

#include <grpcpp/server_context.h>

#include "common/server/gatekeeper.h"
#include "common/status/grpc_status.h"
#include "common/trace/current_call.h"

namespace engage::server {

// The call `context` is, as the current call of this thread: its deadline,
// x-request-id and span (from the call's record).
trace::CurrentCall CurrentCallOf(const grpc::ServerContextBase& context);

// The frame of every handler: make the call current (its log lines and the
// calls it makes carry its trace), admit the caller (token, the method's
// declared roles, still active), run `body` with the verified identity, map
// its status. Keeps handlers to their own logic.
template <typename Body>
grpc::Status Handle(const grpc::ServerContextBase* context, const Gatekeeper& gate, Body body) {
  trace::CallScope scope(CurrentCallOf(*context));
  auto caller = gate.Admit(*context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(body(*caller));
}

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_HANDLER_H_
