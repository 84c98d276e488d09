#include "gateway/unary_proxy_call.h"

namespace engage::gateway {

UnaryProxyCall::UnaryProxyCall(grpc::GenericStub& stub, std::string method,
                               std::unique_ptr<grpc::ClientContext> backend_context,
                               RequestTimer timer, ConcurrencyShares::Slot slot)
    : stub_(stub),
      method_(std::move(method)),
      backend_context_(std::move(backend_context)),
      timer_(timer),
      slot_(std::move(slot)) {
  // The alarm's callback runs once, fired or cancelled, possibly after
  // OnDone: the reactor waits for it (refs_) so it never runs on freed memory.
  alarm_.Set(timer_.due, [this](bool fired) { OnTimer(fired); });
  StartRead(&request_);
}

void UnaryProxyCall::OnReadDone(bool ok) {
  if (decided_.exchange(true)) return;  // the timer ended the call already
  alarm_.Cancel();
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

void UnaryProxyCall::OnTimer(bool fired) {
  // The pending read then completes (not ok) and OnReadDone does nothing.
  if (fired && !decided_.exchange(true)) Finish(timer_.Expired());
  Unref();
}

// Thread-safe, and effective even before the backend call starts.
void UnaryProxyCall::OnCancel() { backend_context_->TryCancel(); }

void UnaryProxyCall::OnDone() { Unref(); }

void UnaryProxyCall::Unref() {
  if (--refs_ == 0) delete this;  // frees the slot
}

}  // namespace engage::gateway
