#include "common/outbox/outbox_gauges.h"

#include <mutex>

#include "absl/strings/str_cat.h"
#include "common/server/metrics.h"

namespace engage::outbox {

namespace {

struct Registry {
  std::mutex mu;
  std::map<std::string, std::map<std::string, Counts>> by_outbox;

  Registry() {
    server::Metrics::Get().AddCollector([this] {
      std::lock_guard<std::mutex> lock(mu);
      if (by_outbox.empty()) return std::string();
      std::string out = "# TYPE engage_outbox_messages gauge\n";
      for (const auto& [outbox, tenants] : by_outbox) {
        for (const auto& [tenant, c] : tenants) {
          const std::string labels =
              absl::StrCat("engage_outbox_messages{outbox=\"", outbox, "\",tenant=\"", tenant);
          absl::StrAppend(&out, labels, "\",state=\"pending\"} ", c.pending, "\n", labels,
                          "\",state=\"failing\"} ", c.failing, "\n", labels,
                          "\",state=\"failed\"} ", c.failed, "\n");
        }
      }
      return out;
    });
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
  // sees the drop instead of the last value going stale.
  for (const auto& [tenant, c] : published) {
    if (!next.count(tenant) && (c.pending != 0 || c.failing != 0 || c.failed != 0)) {
      next[tenant] = Counts();
    }
  }
  published = std::move(next);
}

void ForgetCounts(const std::string& name) {
  Registry& r = Get();
  std::lock_guard<std::mutex> lock(r.mu);
  r.by_outbox.erase(name);
}

}  // namespace engage::outbox
