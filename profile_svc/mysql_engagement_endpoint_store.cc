#include "profile_svc/mysql_engagement_endpoint_store.h"

#include "common/status/status_macros.h"

namespace engage::profile {

absl::StatusOr<std::string> MysqlEngagementEndpointStore::Get(const std::string& tenant) {
  ASSIGN_OR_RETURN(
      auto rows, pool_.Query("SELECT url FROM engagement_endpoints WHERE tenant_id = ?", {tenant}));
  return rows.empty() ? std::string() : rows.front().String(0);
}

absl::StatusOr<bool> MysqlEngagementEndpointStore::Set(const std::string& tenant,
                                                       const std::string& url, absl::Time now) {
  return pool_.TransactionFor([&](mysql::Session& s) -> absl::StatusOr<bool> {
    ASSIGN_OR_RETURN(
        auto rows,
        s.Query("SELECT url FROM engagement_endpoints WHERE tenant_id = ? FOR UPDATE", {tenant}));
    const std::string old_url = rows.empty() ? std::string() : rows.front().String(0);
    // The same URL again changes nothing: repeated calls must not defeat
    // the pending events' backoff.
    if (old_url == url) return false;
    if (url.empty()) {
      RETURN_IF_ERROR(
          s.Execute("DELETE FROM engagement_endpoints WHERE tenant_id = ?", {tenant}).status());
    } else {
      RETURN_IF_ERROR(s.Execute("INSERT INTO engagement_endpoints (tenant_id, url, update_time) "
                                "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE url = VALUES(url), "
                                "update_time = VALUES(update_time)",
                                {tenant, url, now})
                          .status());
    }
    // Pending events waited (backing off) for an endpoint: due now.
    RETURN_IF_ERROR(
        s.Execute("UPDATE profile_data_outbox SET next_attempt_time = ? WHERE tenant_id = ? AND "
                  "state = 0 AND next_attempt_time > ?",
                  {now, tenant, now})
            .status());
    return true;
  });
}

}  // namespace engage::profile
