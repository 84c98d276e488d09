#ifndef ENGAGE_COMMON_SERVER_METRICS_ENDPOINT_H_
#define ENGAGE_COMMON_SERVER_METRICS_ENDPOINT_H_

#include <memory>
#include <string>

#include "absl/status/status.h"

namespace prometheus {
class Exposer;
}

namespace engage::server {

// GET /metrics over plain HTTP: prometheus-cpp's Exposer (civetweb, two
// threads) serving Metrics::Get().
class MetricsEndpoint {
 public:
  MetricsEndpoint();
  ~MetricsEndpoint();
  // Binds host:port (port 0 picks a free one); UNAVAILABLE when it cannot.
  absl::Status Start(const std::string& host, int port);
  int port() const { return port_; }
  void Stop();

 private:
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_METRICS_ENDPOINT_H_
