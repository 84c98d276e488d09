#ifndef ENGAGE_PROFILE_SVC_MYSQL_ACCOUNT_STORE_H_
#define ENGAGE_PROFILE_SVC_MYSQL_ACCOUNT_STORE_H_

#include "common/mysql/pool.h"
#include "profile_svc/account_store.h"

namespace engage::profile {

// AccountStore over tables crm_orgs, account_links and account_merges.
class MysqlAccountStore final : public AccountStore {
 public:
  explicit MysqlAccountStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<Org> CreateOrg(const std::string& tenant, const Org& org, absl::Time now) override;
  absl::StatusOr<Org> GetOrg(const std::string& tenant, const std::string& org_id) override;
  absl::StatusOr<std::vector<Org>> ListOrgs(const std::string& tenant,
                                            const std::string& after_org_id, int limit) override;
  absl::StatusOr<std::string> LinkProfile(const std::string& tenant, const std::string& profile_id,
                                          const std::string& org_id, const std::string& account_id,
                                          absl::Time now) override;

  absl::Status UnlinkProfile(const std::string& tenant, const std::string& profile_id,
                             const std::string& org_id, absl::Time now) override;
  absl::StatusOr<std::string> RecordMerge(const std::string& tenant, const std::string& org_id,
                                          const std::string& losing, const std::string& winning,
                                          absl::Time now) override;
  absl::StatusOr<Indicator> GetIndicator(const std::string& tenant, const std::string& org_id,
                                         const std::string& account_id) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_ACCOUNT_STORE_H_
