#ifndef ENGAGE_CONNECTION_SVC_MYSQL_ERASURE_STORE_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_ERASURE_STORE_H_

#include "common/mysql/pool.h"
#include "connection_svc/erasure_store.h"

namespace engage::connection {

// ErasureStore over interactions and invites.
class MysqlErasureStore final : public ErasureStore {
 public:
  explicit MysqlErasureStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<ErasureResult> EraseHcp(const std::string& tenant, const std::string& profile_id,
                                         const std::string& email, absl::Time now) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_ERASURE_STORE_H_
