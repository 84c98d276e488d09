#include "common/server/health_service.h"

#include <chrono>

#include "common/status/grpc_status.h"

namespace engage::server {

using grpc::health::v1::HealthCheckResponse;

HealthService::HealthService() : state_(std::make_shared<State>()) {}

std::unique_ptr<HealthService> HealthService::Twin() const {
  return std::unique_ptr<HealthService>(new HealthService(state_));
}

void HealthService::SetStatus(const std::string& service, ServingStatus status) {
  std::lock_guard<std::mutex> lock(state_->mu);
  if (state_->shutdown) return;
  state_->statuses[service] = status;
  state_->changed.notify_all();
}

void HealthService::SetAll(ServingStatus status) {
  std::lock_guard<std::mutex> lock(state_->mu);
  if (state_->shutdown) return;
  for (auto& [name, s] : state_->statuses) s = status;
  state_->changed.notify_all();
}

void HealthService::Shutdown() {
  std::lock_guard<std::mutex> lock(state_->mu);
  for (auto& [name, s] : state_->statuses) s = HealthCheckResponse::NOT_SERVING;
  state_->shutdown = true;
  state_->changed.notify_all();
}

grpc::Status HealthService::Check(grpc::ServerContext* context,
                                  const grpc::health::v1::HealthCheckRequest* request,
                                  HealthCheckResponse* response) {
  std::lock_guard<std::mutex> lock(state_->mu);
  auto it = state_->statuses.find(request->service());
  if (it == state_->statuses.end()) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        "unknown service \"" + request->service() + "\"");
  }
  response->set_status(it->second);
  return grpc::Status::OK;
}

bool HealthService::WaitUntilUnwatched(std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(state_->mu);
  return state_->changed.wait_for(lock, limit, [&] { return state_->watchers == 0; });
}

grpc::Status HealthService::Watch(grpc::ServerContext* context,
                                  const grpc::health::v1::HealthCheckRequest* request,
                                  grpc::ServerWriter<HealthCheckResponse>* writer) {
  std::unique_ptr<OpenStreams::Held> held;
  if (streams_ != nullptr) {
    auto taken = streams_->Open(*context);
    if (!taken.ok()) return ToGrpcStatus(taken.status());
    held = *std::move(taken);
  }
  std::unique_lock<std::mutex> lock(state_->mu);
  // Counted while open, so a shutdown can wait until each watcher was told.
  ++state_->watchers;
  struct Leave {
    State& state;
    ~Leave() {  // runs with the lock held: every return below holds it
      --state.watchers;
      state.changed.notify_all();
    }
  } leave{*state_};
  bool first = true;
  ServingStatus last = HealthCheckResponse::UNKNOWN;
  while (true) {
    auto it = state_->statuses.find(request->service());
    ServingStatus now =
        it == state_->statuses.end() ? HealthCheckResponse::SERVICE_UNKNOWN : it->second;
    if (first || now != last) {
      HealthCheckResponse response;
      response.set_status(now);
      lock.unlock();
      bool written = writer->Write(response);
      lock.lock();
      if (!written) return grpc::Status::OK;
      first = false;
      last = now;
    }
    if (state_->shutdown) return grpc::Status::OK;
    // Wake up now and then to notice a caller that went away.
    state_->changed.wait_for(lock, std::chrono::milliseconds(500));
    if (context->IsCancelled()) return grpc::Status::CANCELLED;
  }
}

}  // namespace engage::server
