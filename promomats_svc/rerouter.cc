#include "promomats_svc/rerouter.h"

#include "common/log/log.h"
#include "common/status/status_macros.h"
#include "promomats_svc/rules/reroute_rules.h"
#include "promomats_svc/rules/routing_rules.h"

namespace engage::promomats {

absl::StatusOr<int> Rerouter::RunOnce(const std::string& tenant) {
  return store_.RerouteMarked(
      tenant, ReroutePlan, BuildCrossLink, [this] { return ids_.Next(); }, clock_.Now());
}

void Rerouter::RunAll() {
  auto tenants = store_.TenantsWithReroutes();
  if (!tenants.ok()) {
    log::Warn("re-router could not list its tenants", {{"error", tenants.status().ToString()}});
    return;
  }
  for (const auto& tenant : *tenants) {
    if (auto r = RunOnce(tenant); !r.ok()) {
      log::Warn("re-route of a tenant failed",
                {{"tenant", tenant}, {"error", r.status().ToString()}});
    }
  }
}

}  // namespace engage::promomats
