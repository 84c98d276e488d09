#ifndef ENGAGE_PROFILE_SVC_MYSQL_ENGAGEMENT_ENDPOINT_STORE_H_
#define ENGAGE_PROFILE_SVC_MYSQL_ENGAGEMENT_ENDPOINT_STORE_H_

#include "common/mysql/pool.h"
#include "profile_svc/engagement_endpoint_store.h"

namespace engage::profile {

// EngagementEndpointStore over engagement_endpoints (migration 0045); Set
// also touches profile_data_outbox's pending rows.
class MysqlEngagementEndpointStore final : public EngagementEndpointStore {
 public:
  explicit MysqlEngagementEndpointStore(mysql::Pool& pool) : pool_(pool) {}
  absl::StatusOr<std::string> Get(const std::string& tenant) override;
  absl::StatusOr<bool> Set(const std::string& tenant, const std::string& url,
                           absl::Time now) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_ENGAGEMENT_ENDPOINT_STORE_H_
