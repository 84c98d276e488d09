#ifndef ENGAGE_PROMOMATS_SVC_MYSQL_EMAIL_TEMPLATE_STORE_H_
#define ENGAGE_PROMOMATS_SVC_MYSQL_EMAIL_TEMPLATE_STORE_H_

#include "common/mysql/pool.h"
#include "promomats_svc/email_template_store.h"

namespace engage::promomats {

// EmailTemplateStore over the CrossLinks MysqlTargetVault keeps
// (pmx_crosslinks) and the vaults they are in (vaults).
class MysqlEmailTemplateStore final : public EmailTemplateStore {
 public:
  explicit MysqlEmailTemplateStore(mysql::Pool& pool) : pool_(pool) {}
  absl::StatusOr<std::vector<CrossLink>> ActiveEmailTemplates(const std::string& tenant,
                                                              const std::string& crm_domain,
                                                              std::optional<VaultType> crm_type,
                                                              int limit) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_MYSQL_EMAIL_TEMPLATE_STORE_H_
