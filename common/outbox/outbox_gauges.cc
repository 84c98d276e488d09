#include "common/outbox/outbox_gauges.h"

#include <mutex>

#include "common/server/metrics.h"

namespace engage::outbox {

namespace {

constexpr const char* kStates[] = {"pending", "failing", "failed"};

struct Registry {
  std::mutex mu;
  std::map<std::string, std::map<std::string, Counts>> by_outbox;
  prometheus::Family<prometheus::Gauge>& gauges = server::Metrics::Get().GaugeFamily(
      "engage_outbox_messages", "Messages of an outbox per tenant, by state.");

  prometheus::Gauge& Gauge(const std::string& outbox, const std::string& tenant,
                           const char* state) {
    return gauges.Add({{"outbox", outbox}, {"tenant", tenant}, {"state", state}});
  }
  void Remove(const std::string& outbox, const std::string& tenant) {
    for (const char* state : kStates) gauges.Remove(&Gauge(outbox, tenant, state));
  }
};

Registry& Get() {
  static Registry* registry = new Registry();  // lives as long as the metrics
  return *registry;
}

}  // namespace

void PublishCounts(const std::string& name, const std::map<std::string, Counts>& counts) {
  Registry& r = Get();
  std::lock_guard<std::mutex> lock(r.mu);
  auto& published = r.by_outbox[name];
  std::map<std::string, Counts> next = counts;
  // A tenant that had work and has none now reads zero once, so a dashboard
  // sees the drop instead of the last value going stale; then it goes.
  for (const auto& [tenant, c] : published) {
    if (next.count(tenant)) continue;
    if (c.pending != 0 || c.failing != 0 || c.failed != 0) {
      next[tenant] = Counts();
    } else {
      r.Remove(name, tenant);
    }
  }
  for (const auto& [tenant, c] : next) {
    r.Gauge(name, tenant, "pending").Set(c.pending);
    r.Gauge(name, tenant, "failing").Set(c.failing);
    r.Gauge(name, tenant, "failed").Set(c.failed);
  }
  published = std::move(next);
}

void ForgetCounts(const std::string& name) {
  Registry& r = Get();
  std::lock_guard<std::mutex> lock(r.mu);
  auto it = r.by_outbox.find(name);
  if (it == r.by_outbox.end()) return;
  for (const auto& [tenant, c] : it->second) r.Remove(name, tenant);
  r.by_outbox.erase(it);
}

}  // namespace engage::outbox
