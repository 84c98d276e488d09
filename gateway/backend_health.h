#ifndef ENGAGE_GATEWAY_BACKEND_HEALTH_H_
#define ENGAGE_GATEWAY_BACKEND_HEALTH_H_

#include <grpcpp/channel.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/server/health_service.h"

namespace engage::gateway {

// Keeps the gateway's health entry of each public service equal to what the
// owning backend reports, so a health check through the gateway is a real
// check of the service behind it. Polls every `interval`.
class BackendHealth {
 public:
  // `services`: service full name -> backend channel.
  BackendHealth(std::map<std::string, std::shared_ptr<grpc::Channel>> services,
                server::HealthService& health, std::chrono::milliseconds interval);
  ~BackendHealth();
  void Start();
  void Stop();

 private:
  void PollOnce();

  std::map<std::string, std::shared_ptr<grpc::Channel>> services_;
  server::HealthService& health_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_BACKEND_HEALTH_H_
