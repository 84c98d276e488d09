#include "gateway/proxy_call.h"

namespace engage::gateway {

ProxyCall::ProxyCall(grpc::GenericStub& stub, const std::string& method,
                     std::unique_ptr<grpc::ClientContext> backend_context, RequestWatch& watch,
                     RequestTimer timer, ConcurrencyShares::Slot slot)
    : backend_context_(std::move(backend_context)),
      backend_(*this),
      watch_(watch),
      timer_(timer),
      slot_(std::move(slot)) {
  stub.PrepareBidiStreamingCall(backend_context_.get(), method, grpc::StubOptions(), &backend_);
  // Backend operations are also started from the caller's reactions (outside
  // the backend's own): without a hold, a backend that answers before the
  // caller half-closes (every unary call) may finish and free its stream
  // while StartWritesDone is being called on it (crash under load, found by
  // bench/). The hold is released once no caller-side reaction will touch
  // the backend again.
  backend_.AddHold();
  backend_.StartRead(&response_);
  backend_.StartCall();
  StartRead(&request_);
  // Last, as the watch may end the call at once: left at the first read's
  // end (every pending read ends, even when the call is cancelled) or taken
  // by the watch, and counted in pending_sides_ either way.
  watch_.Add(this, timer_.due);
}

// Caller -> backend.
void ProxyCall::OnReadDone(bool ok) {
  if (!first_read_done_) {
    first_read_done_ = true;
    // Not left: the watch ends the call (OnRequestTimeout) and releases it.
    if (watch_.Remove(this)) Release();
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    // After the timeout the backend is no longer held (OnRequestTimeout): not touched.
    if (backend_done_ || timed_out_) return;
    if (ok) {
      backend_.StartWrite(&request_);
      return;
    }
    backend_.StartWritesDone();
  }
  ReleaseBackendHold();
}

void ProxyCall::Backend::OnWriteDone(bool ok) {
  {
    // The request buffer is free again: read the caller's next message.
    std::lock_guard<std::mutex> lock(call_.mu_);
    if (ok && !call_.backend_done_) {
      call_.StartRead(&call_.request_);
      return;
    }
  }
  // The backend takes no more messages: nothing will be relayed to it.
  call_.ReleaseBackendHold();
}

void ProxyCall::ReleaseBackendHold() {
  // Outside mu_: releasing the last hold may run Backend::OnDone, which takes it.
  if (!hold_released_.exchange(true)) backend_.RemoveHold();
}

// Backend -> caller.
void ProxyCall::Backend::OnReadDone(bool ok) {
  if (!ok) return;
  // OnWriteDone (a caller-side reaction) starts the next backend read: the
  // backend stream must stay alive until then.
  AddHold();
  std::lock_guard<std::mutex> lock(call_.mu_);
  call_.caller_writing_ = true;
  call_.StartWrite(&call_.response_);
}

void ProxyCall::OnWriteDone(bool ok) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    caller_writing_ = false;
    if (backend_done_) {
      // The backend finished while this message was on its way: finish now.
      Finish(final_status_);
    } else if (ok) {
      backend_.StartRead(&response_);
    }
  }
  // The hold taken in Backend::OnReadDone; outside mu_ as above.
  backend_.RemoveHold();
}

void ProxyCall::Backend::OnDone(const grpc::Status& status) {
  {
    std::lock_guard<std::mutex> lock(call_.mu_);
    call_.backend_done_ = true;
    // The work is done: the slot goes now, not when gRPC is done with the
    // caller's side (see UnaryProxyCall::End).
    call_.slot_.Release();
    call_.final_status_ = call_.timed_out_ ? call_.timer_.Expired() : status;
    // A status may not overtake a message still being written to the caller.
    if (!call_.caller_writing_) call_.Finish(call_.final_status_);
  }
  call_.Release();
}

void ProxyCall::OnRequestTimeout() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    timed_out_ = true;
  }
  // The backend call ends (Backend::OnDone), and with it the caller's.
  // The caller's read is still pending (it completes only once the call is
  // finished), so its reaction cannot release the hold: release it here.
  backend_context_->TryCancel();
  ReleaseBackendHold();
  Release();
}

void ProxyCall::OnCancel() { backend_context_->TryCancel(); }

void ProxyCall::OnDone() { Release(); }

void ProxyCall::Release() {
  if (--pending_sides_ == 0) delete this;
}

}  // namespace engage::gateway
