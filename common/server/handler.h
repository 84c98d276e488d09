#ifndef ENGAGE_COMMON_SERVER_HANDLER_H_
#define ENGAGE_COMMON_SERVER_HANDLER_H_

#include <grpcpp/server_context.h>

#include <memory>
#include <utility>

#include "common/server/gatekeeper.h"
#include "common/status/grpc_status.h"
#include "common/trace/current_call.h"

namespace engage::server {

// The call `context` is, as the current call of this thread: its deadline,
// x-request-id and span (from the call's record).
trace::CurrentCall CurrentCallOf(const grpc::ServerContextBase& context);

// The frame of every handler: make the call current (its log lines and the
// calls it makes carry its trace), admit the caller (token, the method's
// declared roles, still active), take its tenant's share of the replica
// (SEC-11, unless `share` is false), run `body` with the verified identity,
// map its status. Keeps handlers to their own logic.
template <typename Body>
grpc::Status Handle(const grpc::ServerContextBase* context, const Gatekeeper& gate, Body body,
                    bool share = true) {
  trace::CallScope scope(CurrentCallOf(*context));
  auto caller = gate.Admit(*context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  std::unique_ptr<work::StreamSlots::Slot> held;
  if (share) {
    auto taken = gate.TakeShare(*caller);
    if (!taken.ok()) return ToGrpcStatus(taken.status());
    held = std::move(*taken);
  }
  return ToGrpcStatus(body(*caller));
}

// Handle for a long-lived stream (WatchSyncJob, DownloadSyncLog): it takes
// no share of the tenant's calls in flight, which it would hold for minutes
// while mostly waiting; the service bounds such streams with its own
// work::StreamSlots (per caller, per tenant, per replica).
template <typename Body>
grpc::Status HandleStream(const grpc::ServerContextBase* context, const Gatekeeper& gate,
                          Body body) {
  return Handle(context, gate, std::move(body), /*share=*/false);
}

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_HANDLER_H_
