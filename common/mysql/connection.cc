#include "common/mysql/connection.h"

#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_driver.h>

#include <mutex>

#include "absl/strings/str_cat.h"
#include "common/log/log.h"

namespace engage::mysql {
namespace {

// Statements are cached per connection; a caller building SQL of many shapes
// (multi-row inserts) must not grow the cache without bound.
constexpr size_t kMaxCachedStatements = 256;

bool IsConnectionLost(int code) {
  switch (code) {
    case 1053:  // server shutdown in progress
    case 1927:  // connection was killed
    case 2002:  // can't connect through socket
    case 2003:  // can't connect to server
    case 2006:  // server has gone away
    case 2013:  // lost connection during query
    case 2055:  // lost connection at reading
      return true;
    default:
      return false;
  }
}

absl::Status MapError(int code, const std::string& what, const std::string& sql) {
  std::string message = absl::StrCat("database error ", code, ": ", what);
  switch (code) {
    case 1062:
    case 1586:
      return absl::AlreadyExistsError(message);
    case 1205:
    case 1213:
      return absl::AbortedError(message);
    case 1969:
    case 3024:
      return absl::DeadlineExceededError(message);
    case 1451:
    case 1452:
      return absl::FailedPreconditionError(message);
    default:
      break;
  }
  if (IsConnectionLost(code)) return absl::UnavailableError(message);
  // The statement and the server's words stay in the log; callers get the code only.
  log::Error("database error",
             {{"code", absl::StrCat(code)}, {"error", what}, {"sql", sql.substr(0, 200)}});
  return absl::InternalError(absl::StrCat("database error ", code));
}

sql::mysql::MySQL_Driver* Driver() {
  // The driver's first use is not thread-safe.
  static std::once_flag once;
  static sql::mysql::MySQL_Driver* driver = nullptr;
  std::call_once(once, [] { driver = sql::mysql::get_mysql_driver_instance(); });
  return driver;
}

void Bind(sql::PreparedStatement* stmt, const Params& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    unsigned int index = static_cast<unsigned int>(i + 1);
    const Value& v = params[i];
    if (std::holds_alternative<std::nullptr_t>(v)) {
      stmt->setNull(index, 0);
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      stmt->setInt64(index, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      stmt->setDouble(index, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      stmt->setString(index, *s);
    } else if (const auto* b = std::get_if<bool>(&v)) {
      stmt->setBoolean(index, *b);
    } else if (const auto* t = std::get_if<absl::Time>(&v)) {
      stmt->setString(index, ToSqlTime(*t));
    }
  }
}

}  // namespace

template <typename T, typename F>
absl::StatusOr<T> Connection::Guard(const std::string& sql, F body) {
  try {
    return body();
  } catch (const sql::SQLException& e) {
    if (IsConnectionLost(e.getErrorCode())) broken_ = true;
    return MapError(e.getErrorCode(), e.what(), sql);
  } catch (const std::exception& e) {
    broken_ = true;
    return absl::InternalError(absl::StrCat("database client error: ", e.what()));
  }
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(const DbConfig& config) {
  std::unique_ptr<Connection> c(new Connection());
  const long long query_seconds = absl::ToInt64Seconds(config.query_timeout);
  auto opened = c->Guard<bool>("connect", [&] {
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(config.host);
    options["port"] = config.port;
    options["userName"] = sql::SQLString(config.user);
    options["password"] = sql::SQLString(config.password);
    options["schema"] = sql::SQLString(config.name);
    options["OPT_CONNECT_TIMEOUT"] = static_cast<int>(absl::ToInt64Seconds(config.connect_timeout));
    // The client gives up a little after the server-side statement limit.
    options["OPT_READ_TIMEOUT"] = static_cast<int>(query_seconds + 5);
    options["OPT_WRITE_TIMEOUT"] = static_cast<int>(query_seconds + 5);
    options["OPT_RECONNECT"] = false;
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    c->conn_.reset(Driver()->connect(options));
    std::unique_ptr<sql::Statement> stmt(c->conn_->createStatement());
    stmt->execute("SET time_zone = '+00:00'");
    stmt->execute(absl::StrCat("SET SESSION max_statement_time = ", query_seconds));
    stmt->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
    return true;
  });
  if (!opened.ok()) {
    return absl::UnavailableError(absl::StrCat("database unreachable at ", config.host, ":",
                                               config.port, "/", config.name, ": ",
                                               opened.status().message()));
  }
  return c;
}

Connection::~Connection() {
  try {
    statements_.clear();
    if (conn_ != nullptr) conn_->close();
  } catch (...) {
    // Closing a dead connection may throw; there is nothing left to do.
  }
}

sql::PreparedStatement* Connection::Prepare(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second.get();
  if (statements_.size() >= kMaxCachedStatements) statements_.clear();
  auto* stmt = conn_->prepareStatement(sql);
  statements_[sql].reset(stmt);
  return stmt;
}

absl::StatusOr<Rows> Connection::Query(const std::string& sql, const Params& params) {
  return Guard<Rows>(sql, [&] {
    sql::PreparedStatement* stmt = Prepare(sql);
    Bind(stmt, params);
    std::unique_ptr<sql::ResultSet> rs(stmt->executeQuery());
    sql::ResultSetMetaData* meta = rs->getMetaData();
    const unsigned int columns = meta->getColumnCount();
    Rows rows;
    while (rs->next()) {
      std::vector<std::optional<std::string>> cells;
      cells.reserve(columns);
      for (unsigned int i = 1; i <= columns; ++i) {
        std::string v = rs->getString(i);
        if (rs->wasNull()) {
          cells.emplace_back(std::nullopt);
        } else {
          cells.emplace_back(std::move(v));
        }
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  });
}

absl::StatusOr<uint64_t> Connection::Execute(const std::string& sql, const Params& params) {
  return Guard<uint64_t>(sql, [&] {
    sql::PreparedStatement* stmt = Prepare(sql);
    Bind(stmt, params);
    return static_cast<uint64_t>(stmt->executeUpdate());
  });
}

absl::Status Connection::Begin() {
  return Guard<bool>("begin",
                     [&] {
                       conn_->setAutoCommit(false);
                       return true;
                     })
      .status();
}

absl::Status Connection::Commit() {
  return Guard<bool>("commit",
                     [&] {
                       conn_->commit();
                       conn_->setAutoCommit(true);
                       return true;
                     })
      .status();
}

void Connection::Rollback() {
  (void)Guard<bool>("rollback", [&] {
    conn_->rollback();
    conn_->setAutoCommit(true);
    return true;
  });
}

bool Connection::Ping() {
  auto ok = Guard<bool>("ping", [&] { return conn_->isValid(); });
  return ok.ok() && *ok;
}

}  // namespace engage::mysql
