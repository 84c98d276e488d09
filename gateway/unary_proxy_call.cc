#include "gateway/unary_proxy_call.h"

namespace engage::gateway {

UnaryProxyCall::UnaryProxyCall(grpc::GenericStub& stub, std::string method,
                               std::unique_ptr<grpc::ClientContext> backend_context,
                               RequestWatch& watch, RequestTimer timer,
                               ConcurrencyShares::Slot slot)
    : stub_(stub),
      method_(std::move(method)),
      backend_context_(std::move(backend_context)),
      watch_(watch),
      timer_(timer),
      slot_(std::move(slot)) {
  StartRead(&request_);
  // Whichever comes first, the request (or its absence) or the watch's
  // timeout, alone calls Finish; the reactor outlives both (refs_). The
  // read's reaction comes only after this constructor (gRPC binds the
  // reactor when CreateReactor returns), so it always finds the call added.
  watch_.Add(this, timer_.due);
}

void UnaryProxyCall::OnReadDone(bool ok) {
  if (!watch_.Remove(this)) return;  // the watch ends the call
  Unref();                           // the watch's reference
  if (!ok) {
    // Cancelled, or half-closed without the one request a unary method takes.
    End(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "a unary call needs one request"));
    return;
  }
  // The reactor lives until Finish is called, which only this callback does:
  // it cannot be deleted under the backend call.
  stub_.UnaryCall(backend_context_.get(), method_, grpc::StubOptions(), &request_, &response_,
                  [this](grpc::Status status) {
                    slot_.Release();  // see End
                    if (status.ok()) {
                      StartWriteAndFinish(&response_, grpc::WriteOptions(), status);
                    } else {
                      Finish(status);
                    }
                  });
}

void UnaryProxyCall::OnRequestTimeout() {
  // The pending read then completes (not ok) and OnReadDone does nothing.
  End(timer_.Expired());
  Unref();
}

void UnaryProxyCall::End(const grpc::Status& status) {
  // The slot goes with the work, before the status is sent, not when gRPC
  // is done with the call (OnDone): a client's next call must find its slot
  // free, even when OnDone runs late on a loaded machine (a closed loop of
  // 16 calls counted over 50 in flight at load 17 on 2 cores).
  slot_.Release();
  Finish(status);
}

// Thread-safe, and effective even before the backend call starts.
void UnaryProxyCall::OnCancel() { backend_context_->TryCancel(); }

void UnaryProxyCall::OnDone() { Unref(); }

void UnaryProxyCall::Unref() {
  if (--refs_ == 0) delete this;
}

}  // namespace engage::gateway
