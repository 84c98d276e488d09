#include "connection_svc/mysql_change_feed.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "connection_svc/mysql_connection_rows.h"

namespace engage::connection {

using mysql::Row;
using mysql::Session;

absl::StatusOr<std::vector<Change>> MysqlChangeFeed::ReadFeed(const std::string& tenant,
                                                              int64_t after, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT sequence, kind, connection_id, field_user_profile_id, hcp_profile_id, "
          "change_time "
          "FROM connection_changes WHERE tenant_id = ? AND sequence > ? ORDER BY sequence LIMIT ?",
          {tenant, after, I(limit)}));
  std::vector<Change> out;
  for (const auto& r : rows) {
    out.push_back({r.Int(0), static_cast<ChangeKind>(r.Int(1)), r.String(2), r.String(3),
                   r.String(4), r.Time(5)});
  }
  return out;
}

}  // namespace engage::connection
