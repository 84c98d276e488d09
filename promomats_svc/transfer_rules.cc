#include "promomats_svc/transfer_rules.h"

#include <cctype>

namespace engage::promomats {

bool ObjectTypeMoves(v1::Direction direction, v1::ObjectType type) {
  switch (type) {
    case v1::OBJECT_TYPE_PRODUCT:
    case v1::OBJECT_TYPE_PRODUCT_GROUP:
    case v1::OBJECT_TYPE_DETAIL_GROUP:
    case v1::OBJECT_TYPE_CONTENT_GROUP:
    case v1::OBJECT_TYPE_SURVEY:
    case v1::OBJECT_TYPE_DIRECTORY:
    case v1::OBJECT_TYPE_CONTENT_TYPE:
    case v1::OBJECT_TYPE_EVENT_TOPIC:
    case v1::OBJECT_TYPE_EVENT_CONFIGURATION:
    case v1::OBJECT_TYPE_COUNTRY:
    case v1::OBJECT_TYPE_CLM_CONTENT_METRICS:
      return direction == v1::DIRECTION_CRM_TO_PROMOMATS;
    case v1::OBJECT_TYPE_PRODUCT_FAMILY:
    case v1::OBJECT_TYPE_BRAND_PRODUCT:
    case v1::OBJECT_TYPE_INDICATION:
    case v1::OBJECT_TYPE_EMAIL_TEMPLATE:
    case v1::OBJECT_TYPE_EMAIL_FRAGMENT:
    case v1::OBJECT_TYPE_TEMPLATE_FRAGMENT:
      return direction == v1::DIRECTION_PROMOMATS_TO_CRM;
    default:
      return false;
  }
}

bool MayWrite(VaultType source, VaultType target) {
  return !(source == VaultType::kSandbox && target == VaultType::kProduction);
}

bool Matches(const RecordKeys& incoming, const RecordKeys& existing) {
  if (!incoming.link.empty() && !existing.link.empty()) return incoming.link == existing.link;
  if (!incoming.external_id.empty() && incoming.external_id == existing.external_id) return true;
  return !incoming.crm_id.empty() && incoming.crm_org == existing.crm_org &&
         incoming.crm_id == existing.crm_id;
}

std::optional<StoredRecord> FindMatch(const RecordKeys& incoming,
                                      const std::vector<StoredRecord>& candidates) {
  for (const auto& c : candidates) {
    if (Matches(incoming, c.keys)) return c;
  }
  return std::nullopt;
}

std::string RecordFailure(v1::ObjectType type, const v1::TransferRecord& record) {
  if (record.link().empty() && record.external_id().empty() && record.crm_id().empty()) {
    return "the record has no link, external_id or crm_id to be matched by (PMX-04)";
  }
  if (type == v1::OBJECT_TYPE_COUNTRY) {
    const std::string& code = record.external_id();
    if (code.size() != 2 || !std::isupper(static_cast<unsigned char>(code[0])) ||
        !std::isupper(static_cast<unsigned char>(code[1]))) {
      return "a Country record's external_id must be its ISO 3166-1 alpha-2 code";
    }
  }
  return "";
}

}  // namespace engage::promomats
