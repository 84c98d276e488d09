#ifndef ENGAGE_CONNECTION_SVC_MYSQL_POST_PROCESSING_STORE_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_POST_PROCESSING_STORE_H_

#include "common/mysql/pool.h"
#include "connection_svc/post_processing_store.h"

namespace engage::connection {

// PostProcessingStore over the shared MySQL schema (tables post_processing and removed_profiles (a
// removal deactivates connections and revokes invites)).
class MysqlPostProcessingStore final : public PostProcessingStore {
 public:
  explicit MysqlPostProcessingStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<bool> StartJob(const std::string& tenant, const std::string& holder,
                                absl::Time now, absl::Time lease_until) override;
  absl::StatusOr<bool> RenewJob(const std::string& tenant, const std::string& holder,
                                absl::Time lease_until) override;
  absl::StatusOr<bool> FinishJob(const std::string& tenant, const std::string& holder,
                                 absl::Time now) override;
  absl::StatusOr<JobState> GetJobState(const std::string& tenant, absl::Time now) override;
  absl::StatusOr<std::string> SignUpCursor(const std::string& tenant) override;
  absl::Status SaveSignUpCursor(const std::string& tenant, const std::string& cursor) override;
  absl::StatusOr<std::string> RemovalCursor(const std::string& tenant) override;
  absl::StatusOr<RemovalResult> ApplyRemoval(const std::string& tenant,
                                             const ProfileRemoval& removal,
                                             absl::Time now) override;
  absl::StatusOr<std::vector<std::string>> TenantsWithPendingWork(const std::string& after_tenant,
                                                                  int limit) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_POST_PROCESSING_STORE_H_
