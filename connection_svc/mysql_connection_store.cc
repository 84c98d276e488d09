#include "connection_svc/mysql_connection_store.h"

namespace engage::connection {

absl::StatusOr<ConnectionPage> MysqlConnectionStore::ListForProfile(const std::string& tenant,
                                                                    const std::string& profile_id,
                                                                    const std::string& after_id,
                                                                    int limit) {
  // One more row than asked tells whether another page follows.
  auto rows = pool_.Query(
      "SELECT connection_id, field_user_profile_id, hcp_profile_id, active, create_time, "
      "inactivation_time FROM connections "
      "WHERE tenant_id = ? AND (field_user_profile_id = ? OR hcp_profile_id = ?) "
      "AND connection_id > ? ORDER BY connection_id LIMIT ?",
      {tenant, profile_id, profile_id, after_id, int64_t{limit + 1}});
  if (!rows.ok()) return rows.status();
  ConnectionPage page;
  for (const auto& r : *rows) {
    if (static_cast<int>(page.connections.size()) == limit) {
      page.more = true;
      break;
    }
    page.connections.push_back(
        {r.String(0), r.String(1), r.String(2), r.Bool(3), r.Time(4), r.Time(5)});
  }
  return page;
}

}  // namespace engage::connection
