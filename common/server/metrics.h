#ifndef ENGAGE_COMMON_SERVER_METRICS_H_
#define ENGAGE_COMMON_SERVER_METRICS_H_

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace engage::server {

// Process-wide metrics in the Prometheus text format: the per-call counters
// and handling-time histogram every server has, plus gauges contributed by
// components (the database pool) through collectors.
class Metrics {
 public:
  static Metrics& Get();

  void RecordCall(const std::string& method, const std::string& code, double seconds);
  // `collect` returns complete exposition lines (with # TYPE) at scrape time.
  void AddCollector(std::function<std::string()> collect);
  std::string Render() const;

 private:
  struct Histogram {
    std::vector<long long> buckets;
    long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::pair<std::string, std::string>, long long> handled_;
  std::map<std::string, Histogram> handling_;
  std::vector<std::function<std::string()>> collectors_;
};

// Serves GET /metrics over plain HTTP on its own thread.
class MetricsHttpServer {
 public:
  MetricsHttpServer() = default;
  ~MetricsHttpServer();
  // Binds host:port (port 0 picks a free one); false with errno set on failure.
  bool Start(const std::string& host, int port);
  int port() const { return port_; }
  void Stop();

 private:
  void Loop();
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_METRICS_H_
