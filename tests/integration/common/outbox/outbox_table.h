#ifndef ENGAGE_TESTS_INTEGRATION_COMMON_OUTBOX_OUTBOX_TABLE_H_
#define ENGAGE_TESTS_INTEGRATION_COMMON_OUTBOX_OUTBOX_TABLE_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "common/mysql/pool.h"

namespace engage::outbox {

// Creates table `name` of the shape mysql_outbox_store.h documents, with one
// payload column `body`: a new user's CREATE TABLE, proven to work.
inline absl::Status CreateOutboxTable(mysql::Pool& pool, const std::string& name) {
  return pool
      .Execute(absl::StrCat(
          "CREATE TABLE ", name,
          " (tenant_id VARCHAR(64) NOT NULL, message_id VARCHAR(64) NOT NULL,"
          " order_key VARCHAR(128) NOT NULL, position BIGINT NOT NULL AUTO_INCREMENT,"
          " state TINYINT NOT NULL DEFAULT 0, attempts INT NOT NULL DEFAULT 0,"
          " next_attempt_time DATETIME(6) NOT NULL, last_error VARCHAR(1000) NOT NULL DEFAULT '',"
          " create_time DATETIME(6) NOT NULL, done_time DATETIME(6) NULL,"
          " body VARCHAR(200) NOT NULL, PRIMARY KEY (tenant_id, message_id), UNIQUE KEY ",
          name, "_position (position), KEY ", name,
          "_due (state, tenant_id, next_attempt_time), KEY ", name,
          "_wake (state, next_attempt_time), KEY ", name,
          "_order (tenant_id, order_key, position)"
          ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin"))
      .status();
}

}  // namespace engage::outbox

#endif  // ENGAGE_TESTS_INTEGRATION_COMMON_OUTBOX_OUTBOX_TABLE_H_
