#include "promomats_svc/rules/transfer_rules.h"

#include <cctype>

namespace engage::promomats {

bool ObjectTypeMoves(Direction direction, ObjectType type) {
  switch (type) {
    case ObjectType::kProduct:
    case ObjectType::kProductGroup:
    case ObjectType::kDetailGroup:
    case ObjectType::kContentGroup:
    case ObjectType::kSurvey:
    case ObjectType::kDirectory:
    case ObjectType::kContentType:
    case ObjectType::kEventTopic:
    case ObjectType::kEventConfiguration:
    case ObjectType::kCountry:
    case ObjectType::kClmContentMetrics:
      return direction == Direction::kCrmToPromoMats;
    case ObjectType::kProductFamily:
    case ObjectType::kBrandProduct:
    case ObjectType::kIndication:
    case ObjectType::kEmailTemplate:
    case ObjectType::kEmailFragment:
    case ObjectType::kTemplateFragment:
      return direction == Direction::kPromoMatsToCrm;
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

std::string RecordFailure(ObjectType type, const TransferRecord& record) {
  if (record.link.empty() && record.external_id.empty() && record.crm_id.empty()) {
    return "the record has no link, external_id or crm_id to be matched by (PMX-04)";
  }
  if (type == ObjectType::kCountry) {
    const std::string& code = record.external_id;
    if (code.size() != 2 || !std::isupper(static_cast<unsigned char>(code[0])) ||
        !std::isupper(static_cast<unsigned char>(code[1]))) {
      return "a Country record's external_id must be its ISO 3166-1 alpha-2 code";
    }
  }
  return "";
}

}  // namespace engage::promomats
