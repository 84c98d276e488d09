#include "promomats_svc/routing_rules.h"

#include <algorithm>

#include "promomats_svc/transfer_rules.h"

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

bool Publishable(const v1::Document& doc, const TransferConfig& config) {
  if (doc.lifecycle_state() == v1::LIFECYCLE_STATE_OBSOLETE) return false;
  switch (doc.feature()) {
    case v1::FEATURE_CLM:
      return doc.publish_for_crm_clm();
    case v1::FEATURE_APPROVED_EMAIL:
      return true;
    case v1::FEATURE_DOCUMENT_TRANSFER:
      return std::find(config.document_types.begin(), config.document_types.end(),
                       doc.document_type()) != config.document_types.end();
    default:
      return false;
  }
}

v1::CrossLink BuildCrossLink(const v1::Document& doc, const TransferConfig& config) {
  v1::CrossLink link;
  link.set_source_vault_id(doc.promomats_vault_id());
  link.set_source_document_id(doc.document_id());
  link.set_source_version(doc.version());
  link.set_name(doc.name());
  link.set_description(doc.description());
  link.set_document_type(doc.document_type());
  link.set_country(doc.country());
  link.set_feature(doc.feature());
  link.set_lifecycle_state(doc.lifecycle_state());
  link.set_fax_template(doc.publish_for_crm_fax());
  *link.mutable_slides() = doc.slides();
  link.set_email_kind(doc.email_kind());
  *link.mutable_renditions() = doc.renditions();
  if (doc.feature() == v1::FEATURE_DOCUMENT_TRANSFER) {
    for (const auto& field : config.metadata_fields) {
      auto it = doc.metadata().find(field);
      if (it != doc.metadata().end()) (*link.mutable_metadata())[field] = it->second;
    }
  } else {
    *link.mutable_metadata() = doc.metadata();
  }
  return link;
}

std::vector<PlannedDelivery> PlanDeliveries(const v1::Document& doc, const RoutingInputs& in) {
  const bool publish = Publishable(doc, in.config);
  std::vector<PlannedDelivery> out;
  for (const auto& crm : in.crms) {
    if (!MayWrite(in.promomats_type, crm.type)) continue;
    const bool routed =
        crm.has_settings &&
        Routes(doc.country(), ConnectionCountries(crm.country_filter, in.promomats_countries));
    if (publish && routed) {
      out.push_back({crm.crm_vault_id, DeliveryAction::kPublish});
    } else if (in.published_to.count(crm.crm_vault_id) > 0) {
      out.push_back({crm.crm_vault_id, DeliveryAction::kWithdraw});
    }
  }
  return out;
}

absl::Duration Backoff(int attempts) {
  if (attempts < 1) attempts = 1;
  const absl::Duration cap = absl::Minutes(5);
  if (attempts > 12) return cap;
  return std::min(absl::Seconds(1) * (int64_t{1} << (attempts - 1)), cap);
}

}  // namespace engage::promomats
