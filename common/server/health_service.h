#ifndef ENGAGE_COMMON_SERVER_HEALTH_SERVICE_H_
#define ENGAGE_COMMON_SERVER_HEALTH_SERVICE_H_

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "common/server/open_streams.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace engage::server {

// The standard grpc.health.v1.Health service, built from its proto so that
// reflection describes it. "" is the whole server; each service has its own
// entry. At shutdown every entry turns NOT_SERVING and Watch streams end, so
// they do not hold the graceful shutdown open.
class HealthService final : public grpc::health::v1::Health::Service {
 public:
  using ServingStatus = grpc::health::v1::HealthCheckResponse::ServingStatus;

  HealthService();
  // A second service object over the same statuses, for another server (the
  // plaintext health port); a service object can serve one server only.
  std::unique_ptr<HealthService> Twin() const;

  // SEC-11: Watch streams take a slot of `streams` (not owned; null: no
  // bound). Set before the server serves; the twin keeps none (the probe
  // port is on no Service).
  void BoundStreams(OpenStreams* streams) { streams_ = streams; }

  void SetStatus(const std::string& service, ServingStatus status);
  void SetAll(ServingStatus status);
  // Sets everything NOT_SERVING and ends Watch streams.
  void Shutdown();
  // After Shutdown: waits until every Watch stream was told NOT_SERVING and
  // ended (the clients that balance on health stopped picking this server),
  // at most `limit`. False when some watcher was still open at the limit.
  bool WaitUntilUnwatched(std::chrono::milliseconds limit);

  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;
  grpc::Status Watch(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override;

 private:
  struct State {
    std::mutex mu;
    std::condition_variable changed;
    std::map<std::string, ServingStatus> statuses;
    bool shutdown = false;
    int watchers = 0;  // Watch streams open
  };
  explicit HealthService(std::shared_ptr<State> state) : state_(std::move(state)) {}

  std::shared_ptr<State> state_;
  OpenStreams* streams_ = nullptr;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_HEALTH_SERVICE_H_
