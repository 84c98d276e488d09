#ifndef ENGAGE_COMMON_MYSQL_CONNECTION_H_
#define ENGAGE_COMMON_MYSQL_CONNECTION_H_

#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/mysql/pool.h"

namespace sql {
class Connection;
class PreparedStatement;
}  // namespace sql

namespace engage::mysql {

// One Connector/C++ connection with its cache of prepared statements. The only
// place connector types and sql::SQLException appear.
class Connection {
 public:
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const DbConfig& config);
  ~Connection();

  absl::StatusOr<Rows> Query(const std::string& sql, const Params& params);
  absl::StatusOr<uint64_t> Execute(const std::string& sql, const Params& params);
  absl::Status Begin();
  absl::Status Commit();
  void Rollback();

  // True once the server was lost; the pool then drops the connection.
  bool broken() const { return broken_; }
  // Closes the connection on its release instead of pooling it.
  void MarkBroken() { broken_ = true; }
  absl::Time last_used() const { return last_used_; }
  void Touch() { last_used_ = absl::Now(); }
  bool Ping();

 private:
  Connection() = default;
  // Runs `body`, turning any exception into a status (and marking the
  // connection broken when the server is gone).
  template <typename T, typename F>
  absl::StatusOr<T> Guard(const std::string& sql, F body);
  sql::PreparedStatement* Prepare(const std::string& sql);

  std::unique_ptr<sql::Connection> conn_;
  std::map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
  bool broken_ = false;
  absl::Time last_used_ = absl::Now();
};

}  // namespace engage::mysql

#endif  // ENGAGE_COMMON_MYSQL_CONNECTION_H_
