#include "common/server/health_service.h"

#include <chrono>

namespace engage::server {

using grpc::health::v1::HealthCheckResponse;

void HealthService::SetStatus(const std::string& service, ServingStatus status) {
  std::lock_guard<std::mutex> lock(mu_);
  if (shutdown_) return;
  statuses_[service] = status;
  changed_.notify_all();
}

void HealthService::SetAll(ServingStatus status) {
  std::lock_guard<std::mutex> lock(mu_);
  if (shutdown_) return;
  for (auto& [name, s] : statuses_) s = status;
  changed_.notify_all();
}

void HealthService::Shutdown() {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& [name, s] : statuses_) s = HealthCheckResponse::NOT_SERVING;
  shutdown_ = true;
  changed_.notify_all();
}

grpc::Status HealthService::Check(grpc::ServerContext* context,
                                  const grpc::health::v1::HealthCheckRequest* request,
                                  HealthCheckResponse* response) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = statuses_.find(request->service());
  if (it == statuses_.end()) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service \"" + request->service() + "\"");
  }
  response->set_status(it->second);
  return grpc::Status::OK;
}

grpc::Status HealthService::Watch(grpc::ServerContext* context,
                                  const grpc::health::v1::HealthCheckRequest* request,
                                  grpc::ServerWriter<HealthCheckResponse>* writer) {
  std::unique_lock<std::mutex> lock(mu_);
  bool first = true;
  ServingStatus last = HealthCheckResponse::UNKNOWN;
  while (true) {
    auto it = statuses_.find(request->service());
    ServingStatus now = it == statuses_.end() ? HealthCheckResponse::SERVICE_UNKNOWN : it->second;
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
    if (shutdown_) return grpc::Status::OK;
    // Wake up now and then to notice a caller that went away.
    changed_.wait_for(lock, std::chrono::milliseconds(500));
    if (context->IsCancelled()) return grpc::Status::CANCELLED;
  }
}

}  // namespace engage::server
