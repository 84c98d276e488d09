#include "promomats_svc/mysql_email_template_store.h"

#include "absl/strings/ascii.h"
#include "common/status/status_macros.h"
#include "promomats_svc/json_codec.h"
#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {

absl::StatusOr<std::vector<CrossLink>> MysqlEmailTemplateStore::ActiveEmailTemplates(
    const std::string& tenant, const std::string& crm_domain, std::optional<VaultType> crm_type,
    int limit) {
  const int64_t type = crm_type ? static_cast<int>(*crm_type) : 0;  // 0: either
  // The body is the CrossLink message as JSON (enum names, proto field
  // names): the feature and kind are filtered there, the rest by the rules.
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT c.crm_vault_id, c.cross_link_id, c.state, c.body, c.applied_changes "
          "FROM pmx_crosslinks c JOIN vaults v ON v.tenant_id = c.tenant_id AND "
          "v.vault_id = c.crm_vault_id "
          "WHERE c.tenant_id = ? AND v.kind = ? AND LOWER(v.domain) = ? AND (? = 0 OR v.type = ?) "
          "AND c.state = ? "
          "AND JSON_VALUE(c.body, '$.feature') = 'FEATURE_APPROVED_EMAIL' "
          "AND JSON_VALUE(c.body, '$.email_kind') = 'EMAIL_KIND_TEMPLATE' "
          "ORDER BY c.document_id, c.crm_vault_id LIMIT ?",
          {tenant, int64_t{static_cast<int>(VaultKind::kCrm)}, absl::AsciiStrToLower(crm_domain),
           type, type, int64_t{static_cast<int>(CrossLinkState::kActive)}, int64_t{limit}}));
  std::vector<CrossLink> out;
  for (const auto& r : rows) {
    v1::CrossLink link;
    RETURN_IF_ERROR(FromJson(r.String(3), &link));
    link.set_crm_vault_id(r.String(0));
    link.set_cross_link_id(r.String(1));
    link.set_state(static_cast<v1::CrossLinkState>(r.Int(2)));
    link.set_applied_changes(r.Int(4));
    out.push_back(FromProto(link));
  }
  return out;
}

}  // namespace engage::promomats
