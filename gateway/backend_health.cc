#include "gateway/backend_health.h"

#include "grpc/health/v1/health.grpc.pb.h"

namespace engage::gateway {

using grpc::health::v1::HealthCheckResponse;

BackendHealth::BackendHealth(std::map<std::string, std::shared_ptr<grpc::Channel>> services,
                             server::HealthService& health, std::chrono::milliseconds interval)
    : services_(std::move(services)), health_(health), interval_(interval) {}

BackendHealth::~BackendHealth() { Stop(); }

void BackendHealth::Start() {
  PollOnce();
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!wake_.wait_for(lock, interval_, [this] { return stop_; })) {
      lock.unlock();
      PollOnce();
      lock.lock();
    }
  });
}

void BackendHealth::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BackendHealth::PollOnce() {
  for (const auto& [service, channel] : services_) {
    auto stub = grpc::health::v1::Health::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    HealthCheckResponse response;
    grpc::Status status = stub->Check(&context, request, &response);
    health_.SetStatus(service, status.ok() ? response.status() : HealthCheckResponse::NOT_SERVING);
  }
}

}  // namespace engage::gateway
