#include "promomats_svc/rules/reroute_rules.h"

#include <set>
#include <string>

#include "promomats_svc/rules/routing_rules.h"

namespace engage::promomats {

std::vector<PlannedDelivery> ReroutePlan(const Document& doc, const RoutingInputs& in) {
  std::vector<PlannedDelivery> out;
  // What a change of the document would do, less the publishes to CRMs that
  // already hold it: those are up-versions, and nothing changed.
  for (PlannedDelivery& p : PlanDeliveries(doc, in)) {
    if (p.action == DeliveryAction::kPublish && in.published_to.count(p.target_vault_id) > 0) {
      continue;
    }
    out.push_back(std::move(p));
  }
  // A CRM whose connection was removed is routed nothing any more.
  std::set<std::string> connected;
  for (const CrmTarget& crm : in.crms) connected.insert(crm.crm_vault_id);
  for (const std::string& target : in.published_to) {
    if (connected.count(target) == 0) out.push_back({target, DeliveryAction::kWithdraw});
  }
  return out;
}

}  // namespace engage::promomats
