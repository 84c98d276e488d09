#ifndef ENGAGE_CONNECTION_SVC_MYSQL_CHANGE_FEED_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_CHANGE_FEED_H_

#include "common/mysql/pool.h"
#include "connection_svc/change_feed.h"

namespace engage::connection {

// ChangeFeed over the shared MySQL schema (table connection_changes).
class MysqlChangeFeed final : public ChangeFeed {
 public:
  explicit MysqlChangeFeed(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<Change>> ReadFeed(const std::string& tenant, int64_t after,
                                               int limit) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_CHANGE_FEED_H_
