#ifndef ENGAGE_PROMOMATS_SVC_EMAIL_TEMPLATE_STORE_H_
#define ENGAGE_PROMOMATS_SVC_EMAIL_TEMPLATE_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "promomats_svc/rules/pmx_model.h"

namespace engage::promomats {

// What the CRM side holds of approved e-mail (PMX-11), read for
// connection_svc's e-mail invites (CON-13). One tenant per call.
class EmailTemplateStore {
 public:
  virtual ~EmailTemplateStore() = default;
  // The active approved e-mail TEMPLATE CrossLinks of the tenant's CRM vaults
  // of type `crm_type` (no type: either) registered with `crm_domain`
  // (compared case-insensitively), at most `limit`, by document id.
  virtual absl::StatusOr<std::vector<CrossLink>> ActiveEmailTemplates(
      const std::string& tenant, const std::string& crm_domain, std::optional<VaultType> crm_type,
      int limit) = 0;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_EMAIL_TEMPLATE_STORE_H_
