#ifndef ENGAGE_PROFILE_SVC_MYSQL_ERASURE_STORE_H_
#define ENGAGE_PROFILE_SVC_MYSQL_ERASURE_STORE_H_

#include "common/mysql/pool.h"
#include "profile_svc/erasure_store.h"

namespace engage::profile {

// ErasureStore over profile_erasures (rows are written by MysqlProfileStore's
// tombstone, in its transaction).
class MysqlErasureStore final : public ErasureStore {
 public:
  explicit MysqlErasureStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<std::optional<PendingErasure>> Get(const std::string& tenant,
                                                    const std::string& profile_id) override;
  absl::StatusOr<std::vector<PendingErasure>> Due(absl::Time now, int limit) override;
  absl::Status Done(const std::string& tenant, const std::string& profile_id) override;
  absl::Status Failed(const std::string& tenant, const std::string& profile_id,
                      absl::Time next_attempt, const std::string& error) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_ERASURE_STORE_H_
