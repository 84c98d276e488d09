#include "common/server/metrics.h"

#include <google/protobuf/descriptor.h>
#include <prometheus/text_serializer.h>

#include "absl/strings/str_cat.h"
#include "common/server/metric_labels.h"

namespace engage::server {
namespace {

// Prometheus' default histogram bounds, as go-grpc-prometheus uses them.
const prometheus::Histogram::BucketBoundaries& Bounds() {
  static const auto* bounds = new prometheus::Histogram::BucketBoundaries{
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  return *bounds;
}

}  // namespace

class Metrics::Scrape final : public prometheus::Collectable {
 public:
  explicit Scrape(const Metrics& metrics) : metrics_(metrics) {}
  std::vector<prometheus::MetricFamily> Collect() const override { return metrics_.Collect(); }

 private:
  const Metrics& metrics_;
};

void MethodMetrics::Handled(int code, double seconds) {
  if (code < 0 || code >= static_cast<int>(handled_.size())) code = 2;  // Unknown
  handled_[static_cast<size_t>(code)]->Increment();
  seconds_->Observe(seconds);
}

Metrics& Metrics::Get() {
  static Metrics* metrics = new Metrics();
  return *metrics;
}

// The names and help texts are go-grpc-prometheus' own.
Metrics::Metrics()
    : registry_(std::make_shared<prometheus::Registry>()),
      collectable_(std::make_shared<Scrape>(*this)),
      started_(prometheus::BuildCounter()
                   .Name("grpc_server_started_total")
                   .Help("Total number of RPCs started on the server.")
                   .Register(*registry_)),
      handled_(prometheus::BuildCounter()
                   .Name("grpc_server_handled_total")
                   .Help("Total number of RPCs completed on the server, regardless of success or "
                         "failure.")
                   .Register(*registry_)),
      received_(prometheus::BuildCounter()
                    .Name("grpc_server_msg_received_total")
                    .Help("Total number of RPC stream messages received on the server.")
                    .Register(*registry_)),
      sent_(prometheus::BuildCounter()
                .Name("grpc_server_msg_sent_total")
                .Help("Total number of gRPC stream messages sent by the server.")
                .Register(*registry_)),
      seconds_(prometheus::BuildHistogram()
                   .Name("grpc_server_handling_seconds")
                   .Help("Histogram of response latency (seconds) of gRPC that had been "
                         "application-level handled by the server.")
                   .Register(*registry_)) {
  std::lock_guard<std::mutex> lock(declare_mu_);
  unknown_ = &Make("unary", "unknown", "unknown");
  tables_.push_back(std::make_unique<Table>());
  table_.store(tables_.back().get(), std::memory_order_release);
}

prometheus::Family<prometheus::Gauge>& Metrics::GaugeFamily(const std::string& name,
                                                            const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(*registry_);
}

MethodMetrics& Metrics::Make(const std::string& type, const std::string& service,
                             const std::string& method) {
  const prometheus::Labels labels = {
      {"grpc_type", type}, {"grpc_service", service}, {"grpc_method", method}};
  auto series = std::make_unique<MethodMetrics>();
  series->started_ = &started_.Add(labels);
  series->received_ = &received_.Add(labels);
  series->sent_ = &sent_.Add(labels);
  for (size_t code = 0; code < series->handled_.size(); ++code) {
    prometheus::Labels with_code = labels;
    with_code["grpc_code"] = GoCodeName(static_cast<int>(code));
    series->handled_[code] = &handled_.Add(with_code);
  }
  series->seconds_ = &seconds_.Add(labels, Bounds());
  series_.push_back(std::move(series));
  return *series_.back();
}

void Metrics::Declare(const std::vector<std::string>& services) {
  std::lock_guard<std::mutex> lock(declare_mu_);
  auto next = std::make_unique<Table>(*table_.load(std::memory_order_acquire));
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const std::string& name : services) {
    const google::protobuf::ServiceDescriptor* service = pool->FindServiceByName(name);
    if (service == nullptr) continue;
    for (int i = 0; i < service->method_count(); ++i) {
      const google::protobuf::MethodDescriptor& method = *service->method(i);
      const std::string path = absl::StrCat("/", name, "/", method.name());
      if (next->contains(path)) continue;
      (*next)[path] = &Make(GrpcTypeOf(method), name, method.name());
    }
  }
  tables_.push_back(std::move(next));
  table_.store(tables_.back().get(), std::memory_order_release);
}

MethodMetrics& Metrics::For(absl::string_view path) const {
  const Table& table = *table_.load(std::memory_order_acquire);
  auto it = table.find(path);
  return it == table.end() ? *unknown_ : *it->second;
}

int Metrics::AddRefresher(std::function<void()> refresh) {
  std::lock_guard<std::mutex> lock(scrape_mu_);
  refreshers_[next_refresher_] = std::move(refresh);
  return next_refresher_++;
}

void Metrics::RemoveRefresher(int id, const std::function<void()>& then) {
  std::lock_guard<std::mutex> lock(scrape_mu_);
  refreshers_.erase(id);
  if (then) then();
}

std::vector<prometheus::MetricFamily> Metrics::Collect() const {
  std::lock_guard<std::mutex> lock(scrape_mu_);
  for (const auto& [id, refresh] : refreshers_) refresh();
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  OrderLabels(families);
  return families;
}

std::string Metrics::Render() const { return prometheus::TextSerializer().Serialize(Collect()); }

}  // namespace engage::server
