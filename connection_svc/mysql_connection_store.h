#ifndef ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_STORE_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_STORE_H_

#include "common/mysql/pool.h"
#include "connection_svc/connection_store.h"

namespace engage::connection {

// ConnectionStore over the shared MySQL schema (table connections).
class MysqlConnectionStore final : public ConnectionStore {
 public:
  explicit MysqlConnectionStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<ConnectionPage> ListForProfile(const std::string& tenant,
                                                const std::string& profile_id,
                                                const std::string& after_id, int limit) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_STORE_H_
