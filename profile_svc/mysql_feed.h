#ifndef ENGAGE_PROFILE_SVC_MYSQL_FEED_H_
#define ENGAGE_PROFILE_SVC_MYSQL_FEED_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mysql/pool.h"
#include "profile_svc/rules/profile_model.h"

namespace engage::profile {

// Appends one entry to a tenant's feed inside the caller's transaction. The
// counter row stays locked until that transaction ends, so sequences are
// handed out in commit order: a reader that saw N never later finds a new
// entry below N (gap-free cursor).
absl::StatusOr<int64_t> AppendFeed(mysql::Session& s, const std::string& tenant, Feed feed,
                                   const std::string& profile_id, const std::string& email,
                                   absl::Time now);

absl::StatusOr<std::vector<FeedEntry>> ReadFeedRows(mysql::Pool& pool, const std::string& tenant,
                                                    Feed feed, int64_t after, int limit);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_FEED_H_
