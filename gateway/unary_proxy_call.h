#ifndef ENGAGE_GATEWAY_UNARY_PROXY_CALL_H_
#define ENGAGE_GATEWAY_UNARY_PROXY_CALL_H_

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>

#include <atomic>
#include <memory>
#include <string>

#include "gateway/concurrency_shares.h"
#include "gateway/request_timer.h"
#include "gateway/request_watch.h"

namespace engage::gateway {

// Relays one call of a unary method: the caller's request goes to the backend
// as one unary call (headers, message and half-close in one batch), and the
// answer goes back with its status in one write. ProxyCall relays any shape
// of call but pays for it in reactions and network writes per message; every
// public method but two is unary, and the business-card read is one of them
// (bench rows 2 and 3). The backend's status, details included, is the
// caller's. A request that has not arrived by `timer.due` ends the call
// (SEC-11, through `watch`). It frees `slot` as it sends the status, and
// deletes itself when done.
class UnaryProxyCall final : public grpc::ServerGenericBidiReactor, private RequestWatch::Waiter {
 public:
  // `backend_context` is configured (deadline, metadata) by the caller.
  UnaryProxyCall(grpc::GenericStub& stub, std::string method,
                 std::unique_ptr<grpc::ClientContext> backend_context, RequestWatch& watch,
                 RequestTimer timer, ConcurrencyShares::Slot slot);

  void OnReadDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  void OnRequestTimeout() override;
  // Frees the slot and finishes with `status`.
  void End(const grpc::Status& status);
  // The reactor goes once gRPC and the watch are both done with it.
  void Unref();

  grpc::GenericStub& stub_;
  std::string method_;
  std::unique_ptr<grpc::ClientContext> backend_context_;
  RequestWatch& watch_;
  RequestTimer timer_;
  ConcurrencyShares::Slot slot_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  std::atomic<int> refs_{2};
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_UNARY_PROXY_CALL_H_
