#ifndef ENGAGE_GATEWAY_PROXY_CALL_H_
#define ENGAGE_GATEWAY_PROXY_CALL_H_

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace engage::gateway {

// Relays one call, of any streaming shape, between the caller and a backend
// as opaque bytes: caller messages are written to the backend one at a time,
// backend messages to the caller one at a time (so flow control carries
// through), the caller's half-close and cancellation are passed on, and the
// backend's final status, details included, is the caller's. It deletes
// itself once both sides are done and then runs `on_done`.
class ProxyCall final : public grpc::ServerGenericBidiReactor {
 public:
  // `backend_context` is configured (deadline, metadata) by the caller.
  ProxyCall(grpc::GenericStub& stub, const std::string& method,
            std::unique_ptr<grpc::ClientContext> backend_context, std::function<void()> on_done);

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

  void Release();
  // Lets the backend call finish (see the constructor); idempotent.
  void ReleaseBackendHold();

  std::unique_ptr<grpc::ClientContext> backend_context_;
  Backend backend_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  std::function<void()> on_done_;
  std::mutex mu_;
  bool backend_done_ = false;
  bool caller_writing_ = false;
  grpc::Status final_status_;
  std::atomic<int> pending_sides_{2};
  std::atomic<bool> hold_released_{false};
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_PROXY_CALL_H_
