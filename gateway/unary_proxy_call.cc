#include "gateway/unary_proxy_call.h"

namespace engage::gateway {

UnaryProxyCall::UnaryProxyCall(grpc::GenericStub& stub, std::string method,
                               std::unique_ptr<grpc::ClientContext> backend_context,
                               std::function<void()> on_done)
    : stub_(stub),
      method_(std::move(method)),
      backend_context_(std::move(backend_context)),
      on_done_(std::move(on_done)) {
  StartRead(&request_);
}

void UnaryProxyCall::OnReadDone(bool ok) {
  if (!ok) {
    // Cancelled, or half-closed without the one request a unary method takes.
    Finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "a unary call needs one request"));
    return;
  }
  // The reactor lives until Finish is called, which only this callback does:
  // it cannot be deleted under the backend call.
  stub_.UnaryCall(backend_context_.get(), method_, grpc::StubOptions(), &request_, &response_,
                  [this](grpc::Status status) {
                    if (status.ok()) {
                      StartWriteAndFinish(&response_, grpc::WriteOptions(), status);
                    } else {
                      Finish(status);
                    }
                  });
}

// Thread-safe, and effective even before the backend call starts.
void UnaryProxyCall::OnCancel() { backend_context_->TryCancel(); }

void UnaryProxyCall::OnDone() {
  auto on_done = std::move(on_done_);
  delete this;
  if (on_done) on_done();
}

}  // namespace engage::gateway
