#include "profile_svc/mysql_feed.h"

#include "common/status/status_macros.h"
namespace engage::profile {

absl::StatusOr<int64_t> AppendFeed(mysql::Session& s, const std::string& tenant, Feed feed,
                                   const std::string& profile_id, const std::string& email,
                                   absl::Time now) {
  const int64_t feed_id = static_cast<int>(feed);
  RETURN_IF_ERROR(
      s.Execute(
           "INSERT INTO profile_feed_counters (tenant_id, feed, last_sequence) VALUES (?, ?, 1) "
           "ON DUPLICATE KEY UPDATE last_sequence = last_sequence + 1",
           {tenant, feed_id})
          .status());
  ASSIGN_OR_RETURN(
      auto rows,
      s.Query("SELECT last_sequence FROM profile_feed_counters WHERE tenant_id = ? AND feed = ?",
              {tenant, feed_id}));
  if (rows.empty()) return absl::InternalError("feed counter vanished");
  const int64_t sequence = rows.front().Int(0);
  RETURN_IF_ERROR(
      s.Execute(
           "INSERT INTO profile_feed (tenant_id, feed, sequence, profile_id, email, event_time) "
           "VALUES (?, ?, ?, ?, ?, ?)",
           {tenant, feed_id, sequence, profile_id, email, now})
          .status());
  return sequence;
}

absl::StatusOr<std::vector<FeedEntry>> ReadFeedRows(mysql::Pool& pool, const std::string& tenant,
                                                    Feed feed, int64_t after, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool.Query(
          "SELECT f.sequence, f.profile_id, f.email, COALESCE(p.merged_into, ''), f.event_time "
          "FROM profile_feed f "
          "LEFT JOIN profiles p ON p.tenant_id = f.tenant_id AND p.profile_id = f.profile_id "
          "WHERE f.tenant_id = ? AND f.feed = ? AND f.sequence > ? ORDER BY f.sequence LIMIT ?",
          {tenant, int64_t{static_cast<int>(feed)}, after, int64_t{limit}}));
  std::vector<FeedEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({r.Int(0), r.String(1), r.String(2), r.String(3), r.Time(4)});
  }
  return out;
}

}  // namespace engage::profile
