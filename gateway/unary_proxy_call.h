#ifndef ENGAGE_GATEWAY_UNARY_PROXY_CALL_H_
#define ENGAGE_GATEWAY_UNARY_PROXY_CALL_H_

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/generic/generic_stub.h>

#include <functional>
#include <memory>
#include <string>

namespace engage::gateway {

// Relays one call of a unary method: the caller's request goes to the backend
// as one unary call (headers, message and half-close in one batch), and the
// answer goes back with its status in one write. ProxyCall relays any shape
// of call but pays for it in reactions and network writes per message; every
// public method but two is unary, and the business-card read is one of them
// (bench rows 2 and 3). The backend's status, details included, is the
// caller's. It deletes itself when done and then runs `on_done`.
class UnaryProxyCall final : public grpc::ServerGenericBidiReactor {
 public:
  // `backend_context` is configured (deadline, metadata) by the caller.
  UnaryProxyCall(grpc::GenericStub& stub, std::string method,
                 std::unique_ptr<grpc::ClientContext> backend_context,
                 std::function<void()> on_done);

  void OnReadDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  grpc::GenericStub& stub_;
  std::string method_;
  std::unique_ptr<grpc::ClientContext> backend_context_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  std::function<void()> on_done_;
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_UNARY_PROXY_CALL_H_
