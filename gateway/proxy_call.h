#ifndef ENGAGE_GATEWAY_PROXY_CALL_H_
#define ENGAGE_GATEWAY_PROXY_CALL_H_

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>

#include <atomic>
#include <memory>
#include <mutex>

#include "gateway/concurrency_shares.h"
#include "gateway/request_timer.h"
#include "gateway/request_watch.h"

namespace engage::gateway {

// Relays one call, of any streaming shape, between the caller and a backend
// as opaque bytes: caller messages are written to the backend one at a time,
// backend messages to the caller one at a time (so flow control carries
// through), the caller's half-close and cancellation are passed on, and the
// backend's final status, details included, is the caller's. A caller whose
// first message has not arrived by `timer.due` is cut off (SEC-11); after
// that only the deadline bounds the call. It frees `slot` when the backend
// is done, and deletes itself once both sides and the watch are done.
class ProxyCall final : public grpc::ServerGenericBidiReactor, private RequestWatch::Waiter {
 public:
  // `backend_context` is configured (deadline, metadata) by the caller.
  ProxyCall(grpc::GenericStub& stub, const std::string& method,
            std::unique_ptr<grpc::ClientContext> backend_context, RequestWatch& watch,
            RequestTimer timer, ConcurrencyShares::Slot slot);

  void OnReadDone(bool ok) override;
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // The backend side of the relay.
  class Backend final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
   public:
    explicit Backend(ProxyCall& call) : call_(call) {}
    void OnReadDone(bool ok) override;
    void OnWriteDone(bool ok) override;
    void OnDone(const grpc::Status& status) override;

   private:
    ProxyCall& call_;
  };

  void OnRequestTimeout() override;
  void Release();
  // Lets the backend call finish (see the constructor); idempotent.
  void ReleaseBackendHold();

  std::unique_ptr<grpc::ClientContext> backend_context_;
  Backend backend_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  RequestWatch& watch_;
  RequestTimer timer_;
  ConcurrencyShares::Slot slot_;
  bool first_read_done_ = false;  // reads are one at a time: no lock
  std::mutex mu_;
  bool timed_out_ = false;
  bool backend_done_ = false;
  bool caller_writing_ = false;
  grpc::Status final_status_;
  // The caller's side, the backend's and the watch.
  std::atomic<int> pending_sides_{3};
  std::atomic<bool> hold_released_{false};
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_PROXY_CALL_H_
