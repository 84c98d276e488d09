#ifndef ENGAGE_COMMON_SERVER_METRICS_H_
#define ENGAGE_COMMON_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace engage::server {

// The series of one method, under go-grpc-prometheus' names and labels
// (grpc_type, grpc_service, grpc_method, grpc_code), so the dashboards and
// alerts written for it read the mesh as they are. Lock-free to update.
class MethodMetrics {
 public:
  MethodMetrics(std::string type, std::string service, std::string method);
  void Started() { started_.fetch_add(1, std::memory_order_relaxed); }
  void Received() { received_.fetch_add(1, std::memory_order_relaxed); }
  void Sent() { sent_.fetch_add(1, std::memory_order_relaxed); }
  // `code` is the gRPC status code's number (0..16).
  void Handled(int code, double seconds);
  void Render(std::string& out, const std::string& metric) const;

 private:
  friend class Metrics;
  std::string labels_;  // grpc_type="...",grpc_service="...",grpc_method="..."
  std::atomic<long long> started_{0};
  std::atomic<long long> received_{0};
  std::atomic<long long> sent_{0};
  std::array<std::atomic<long long>, 17> handled_{};
  std::array<std::atomic<long long>, 11> buckets_{};  // Prometheus' default bounds
  std::atomic<long long> count_{0};
  std::atomic<double> sum_{0};
};

// Process-wide metrics in the Prometheus text format: the per-method series
// every server has, plus gauges components contribute through collectors
// (the database pool, background workers).
class Metrics {
 public:
  static Metrics& Get();

  // The series of `path` ("/pkg.Service/Method"). Its type comes from the
  // method's declaration; a path no compiled-in contract declares shares one
  // "unknown" series, so callers cannot grow the metrics without bound.
  MethodMetrics& For(const std::string& path);
  // `collect` returns complete exposition lines (with # TYPE) at scrape time.
  int AddCollector(std::function<std::string()> collect);
  void RemoveCollector(int id);
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<MethodMetrics>> methods_;
  std::unique_ptr<MethodMetrics> unknown_;
  std::map<int, std::function<std::string()>> collectors_;
  int next_collector_ = 0;
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
