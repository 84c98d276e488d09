#ifndef ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_STORE_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_STORE_H_

#include "common/mysql/pool.h"
#include "connection_svc/connection_store.h"

namespace engage::connection {

// ConnectionStore over the shared MySQL schema (tables connections (and the change feed every
// change appends to)).
class MysqlConnectionStore final : public ConnectionStore {
 public:
  explicit MysqlConnectionStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<ConnectionPage> ListForProfile(const std::string& tenant,
                                                const std::string& profile_id,
                                                const std::string& after_id, int limit) override;
  absl::StatusOr<Connection> GetConnection(const std::string& tenant,
                                           const std::string& connection_id) override;
  absl::StatusOr<ConnectResult> Connect(const std::string& tenant,
                                        const std::string& field_user_profile_id,
                                        const std::string& hcp_profile_id, Origin origin,
                                        const ConnectAct& act, const std::string& new_id,
                                        absl::Time now) override;
  absl::StatusOr<ConnectResult> Disconnect(const std::string& tenant,
                                           const std::string& connection_id, EndedBy ended_by,
                                           absl::Time now) override;
  absl::StatusOr<std::vector<ProfileStatus>> StatusesFor(
      const std::string& tenant, const std::string& field_user_profile_id,
      const std::vector<std::string>& hcp_profile_ids) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_STORE_H_
