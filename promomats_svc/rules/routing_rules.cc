#include "promomats_svc/rules/routing_rules.h"

#include <algorithm>

#include "promomats_svc/rules/transfer_rules.h"

namespace engage::promomats {

std::vector<std::string> ConnectionCountries(const std::vector<std::string>& country_filter,
                                             const std::set<std::string>& promomats_countries) {
  std::set<std::string> selected;
  for (const auto& c : country_filter) {
    if (promomats_countries.count(c) > 0) selected.insert(c);
  }
  std::vector<std::string> out(selected.begin(), selected.end());
  out.push_back(kGlobal);
  return out;
}

bool Routes(const std::string& country, const std::vector<std::string>& connection_countries) {
  return std::find(connection_countries.begin(), connection_countries.end(), country) !=
         connection_countries.end();
}

bool Publishable(const Document& doc, const TransferConfig& config) {
  if (doc.lifecycle_state == LifecycleState::kObsolete) return false;
  switch (doc.feature) {
    case Feature::kClm:
      return doc.publish_for_crm_clm;
    case Feature::kApprovedEmail:
      return true;
    case Feature::kDocumentTransfer:
      return std::find(config.document_types.begin(), config.document_types.end(),
                       doc.document_type) != config.document_types.end();
    default:
      return false;
  }
}

CrossLink BuildCrossLink(const Document& doc, const TransferConfig& config) {
  CrossLink link;
  static_cast<DocumentContent&>(link) = doc;
  link.source_vault_id = doc.promomats_vault_id;
  link.source_document_id = doc.document_id;
  link.source_version = doc.version;
  link.fax_template = doc.publish_for_crm_fax;
  if (doc.feature == Feature::kDocumentTransfer) {  // only the fields the transfer names
    link.metadata.clear();
    for (const auto& field : config.metadata_fields) {
      auto it = doc.metadata.find(field);
      if (it != doc.metadata.end()) link.metadata[field] = it->second;
    }
  }
  return link;
}

std::vector<PlannedDelivery> PlanDeliveries(const Document& doc, const RoutingInputs& in) {
  const bool publish = Publishable(doc, in.config);
  std::vector<PlannedDelivery> out;
  for (const auto& crm : in.crms) {
    if (!MayWrite(in.promomats_type, crm.type)) continue;
    const bool routed =
        crm.has_settings &&
        Routes(doc.country, ConnectionCountries(crm.country_filter, in.promomats_countries));
    if (publish && routed) {
      out.push_back({crm.crm_vault_id, DeliveryAction::kPublish});
    } else if (in.published_to.count(crm.crm_vault_id) > 0) {
      out.push_back({crm.crm_vault_id, DeliveryAction::kWithdraw});
    }
  }
  return out;
}

}  // namespace engage::promomats
