#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_CRM_STORE_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_CRM_STORE_H_

#include "common/mysql/pool.h"
#include "profile_svc/crm_sync/crm_store.h"

namespace engage::profile::sync {

// The local CRM: each org's integration user and Engage records in crm_*
// tables. It refuses a record the way a CRM would (a field over the CRM's
// length), which is what the sync's error log and retries see.
class MysqlCrmStore final : public CrmStore {
 public:
  explicit MysqlCrmStore(mysql::Pool& pool) : pool_(pool) {}

  absl::Status SignIn(const std::string& tenant, const std::string& org_id,
                      const std::string& username, const std::string& password) override;
  absl::Status ProvisionIntegrationUser(const std::string& tenant, const std::string& org_id,
                                        const std::string& username, const std::string& password,
                                        bool active) override;
  absl::StatusOr<std::vector<WriteResult>> UpsertProfiles(UnitOfWork& work,
                                                          const std::string& tenant,
                                                          const std::string& org_id,
                                                          const std::vector<ProfileWrite>& batch,
                                                          absl::Time now) override;
  absl::StatusOr<std::vector<WriteResult>> UpsertConnections(
      UnitOfWork& work, const std::string& tenant, const std::string& org_id,
      const std::vector<ConnectionWrite>& batch, absl::Time now) override;
  absl::StatusOr<std::vector<std::string>> TouchedOutsideSync(const std::string& tenant,
                                                              const std::string& org_id) override;
  absl::StatusOr<std::vector<StoredProfile>> ListProfiles(const std::string& tenant,
                                                          const std::string& org_id,
                                                          const std::string& after_id,
                                                          int limit) override;
  absl::StatusOr<std::vector<ConnectionRecord>> ListConnections(const std::string& tenant,
                                                                const std::string& org_id,
                                                                const std::string& after_id,
                                                                int limit) override;
  absl::StatusOr<StoredProfile> EditTitle(const std::string& tenant, const std::string& org_id,
                                          const std::string& external_id, const std::string& title,
                                          absl::Time now) override;
  absl::StatusOr<StoredProfile> AttachPhoto(const std::string& tenant, const std::string& org_id,
                                            const std::string& external_id,
                                            const std::string& photo_url,
                                            const std::string& content_type,
                                            absl::Time now) override;

 private:
  absl::StatusOr<StoredProfile> GetProfile(const std::string& tenant, const std::string& org_id,
                                           const std::string& external_id);
  mysql::Pool& pool_;
};

// The CRM's field lengths (Vault CRM text fields): longer values are refused.
constexpr size_t kCrmNameLength = 80;
constexpr size_t kCrmTitleLength = 100;

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_CRM_STORE_H_
