#ifndef ENGAGE_COMMON_SERVER_METRICS_H_
#define ENGAGE_COMMON_SERVER_METRICS_H_

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace engage::server {

// The series of one method, under go-grpc-prometheus' names and labels
// (grpc_type, grpc_service, grpc_method, grpc_code): prometheus-cpp children
// made once, when the method is declared, so a call only increments them.
class MethodMetrics {
 public:
  void Started() { started_->Increment(); }
  void Received() { received_->Increment(); }
  void Sent() { sent_->Increment(); }
  // `code` is the gRPC status code's number (0..16; anything else counts as Unknown).
  void Handled(int code, double seconds);

 private:
  friend class Metrics;
  prometheus::Counter* started_ = nullptr;
  prometheus::Counter* received_ = nullptr;
  prometheus::Counter* sent_ = nullptr;
  std::array<prometheus::Counter*, 17> handled_{};
  prometheus::Histogram* seconds_ = nullptr;
};

// The process's metrics: one prometheus-cpp Registry holding the per-method
// series every server has and the gauges components add (the database pool,
// background workers, outboxes), read through Collectable() by the HTTP
// endpoint (MetricsEndpoint) and by Render().
class Metrics {
 public:
  static Metrics& Get();

  prometheus::Registry& registry() { return *registry_; }
  // A family of this registry; the same one again for the same name and help.
  prometheus::Family<prometheus::Gauge>& GaugeFamily(const std::string& name,
                                                     const std::string& help);

  // Makes the series of every method of these services (full proto names, as
  // found in the generated descriptor pool), all codes at zero, as
  // go-grpc-prometheus' InitializeMetrics does. Servers declare what they
  // serve before they start; declaring again is harmless.
  void Declare(const std::vector<std::string>& services);
  // The series of `path` ("/pkg.Service/Method"), without a lock: a path no
  // declared service has shares one "unknown" series, so callers cannot grow
  // the metrics without bound.
  MethodMetrics& For(absl::string_view path) const;

  // `refresh` runs before every scrape, one scrape at a time, to set gauges
  // from their source (the pool's counts). Remove waits for a scrape under way
  // and then runs `then` (removing the gauges) before the next one.
  int AddRefresher(std::function<void()> refresh);
  void RemoveRefresher(int id, const std::function<void()>& then = nullptr);

  // The registry as the endpoint reads it: refreshed, labels in
  // go-grpc-prometheus' order (OrderLabels).
  std::shared_ptr<prometheus::Collectable> Collectable() const { return collectable_; }
  // The Prometheus text of one scrape (tests).
  std::string Render() const;

 private:
  using Table = absl::flat_hash_map<std::string, MethodMetrics*>;
  class Scrape;

  Metrics();
  std::vector<prometheus::MetricFamily> Collect() const;
  MethodMetrics& Make(const std::string& type, const std::string& service,
                      const std::string& method);

  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<prometheus::Collectable> collectable_;
  prometheus::Family<prometheus::Counter>& started_;
  prometheus::Family<prometheus::Counter>& handled_;
  prometheus::Family<prometheus::Counter>& received_;
  prometheus::Family<prometheus::Counter>& sent_;
  prometheus::Family<prometheus::Histogram>& seconds_;

  // Declare copies the table, adds to it and publishes the copy; For reads
  // whichever table is current. Tables are kept until the process ends, so a
  // reader never sees one freed.
  std::mutex declare_mu_;
  std::vector<std::unique_ptr<MethodMetrics>> series_;
  std::vector<std::unique_ptr<const Table>> tables_;
  std::atomic<const Table*> table_{nullptr};
  MethodMetrics* unknown_ = nullptr;

  mutable std::mutex scrape_mu_;
  std::map<int, std::function<void()>> refreshers_;
  int next_refresher_ = 0;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_METRICS_H_
