#include "common/mysql/mysql_migrator.h"

#include <map>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/crypto/sha256.h"
#include "common/log/log.h"

namespace engage::mysql {
namespace {

// Lock names are server-wide: one per database, so schemas sharing a server
// (environments, test databases) migrate independently.
constexpr char kLockExpr[] = "CONCAT('engage/migrate/', LEFT(SHA2(DATABASE(), 256), 40))";
constexpr int kLockWaitSeconds = 120;

absl::Status EnsureTable(Session& s) {
  return s
      .Execute(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          " version CHAR(4) NOT NULL PRIMARY KEY,"
          " name VARCHAR(200) NOT NULL,"
          " checksum CHAR(64) NOT NULL,"
          " applied_at DATETIME(6) NOT NULL"
          ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin")
      .status();
}

// version -> (name, checksum) of what the database holds.
absl::StatusOr<std::map<std::string, std::pair<std::string, std::string>>> Applied(Session& s) {
  auto rows = s.Query("SELECT version, name, checksum FROM schema_migrations ORDER BY version");
  if (!rows.ok()) return rows.status();
  std::map<std::string, std::pair<std::string, std::string>> out;
  for (const auto& r : *rows) out[r.String(0)] = {r.String(1), r.String(2)};
  return out;
}

// Refuses a database that holds a migration `known` lacks or that changed.
absl::Status Compare(const std::map<std::string, std::pair<std::string, std::string>>& applied,
                     const std::vector<Migration>& known) {
  std::map<std::string, const Migration*> by_version;
  for (const auto& m : known) by_version[m.version] = &m;
  for (const auto& [version, recorded] : applied) {
    auto it = by_version.find(version);
    if (it == by_version.end()) {
      return absl::FailedPreconditionError(
          absl::StrCat("database holds migration ", recorded.first,
                       " that this binary does not know; run a binary built with it (or newer)"));
    }
    if (crypto::Sha256Hex(it->second->sql) != recorded.second) {
      return absl::FailedPreconditionError(
          absl::StrCat("migration ", recorded.first,
                       " was changed after it was applied; migrations are forward only"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string> SplitStatements(const std::string& sql) {
  std::vector<std::string> out;
  std::string current;
  for (absl::string_view line : absl::StrSplit(sql, '\n')) {
    absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (trimmed.empty() || absl::StartsWith(trimmed, "--")) continue;
    absl::StrAppend(&current, line, "\n");
    if (absl::EndsWith(trimmed, ";")) {
      std::string stmt(absl::StripAsciiWhitespace(current));
      stmt.pop_back();  // the ';'
      out.push_back(stmt);
      current.clear();
    }
  }
  if (!absl::StripAsciiWhitespace(current).empty()) out.push_back(current);
  return out;
}

absl::StatusOr<int> Migrate(Pool& pool, const std::vector<Migration>& known) {
  int applied_count = 0;
  absl::Status status = pool.Run([&](Session& s) -> absl::Status {
    // GET_LOCK belongs to this connection, which the whole run keeps.
    auto lock =
        s.Query(absl::StrCat("SELECT GET_LOCK(", kLockExpr, ", ?)"), {int64_t{kLockWaitSeconds}});
    if (!lock.ok()) return lock.status();
    if (lock->empty() || lock->front().Int(0) != 1) {
      return absl::UnavailableError("another migrate run holds the schema lock; try again");
    }
    absl::Status result = [&]() -> absl::Status {
      if (auto st = EnsureTable(s); !st.ok()) return st;
      auto applied = Applied(s);
      if (!applied.ok()) return applied.status();
      if (auto st = Compare(*applied, known); !st.ok()) return st;
      for (const auto& m : known) {
        if (applied->count(m.version) > 0) continue;
        for (const auto& stmt : SplitStatements(m.sql)) {
          auto done = s.Execute(stmt);
          if (!done.ok()) {
            return absl::Status(
                done.status().code(),
                absl::StrCat("migration ", m.name, " failed: ", done.status().message()));
          }
        }
        auto recorded = s.Execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
            "VALUES (?, ?, ?, UTC_TIMESTAMP(6))",
            {m.version, m.name, crypto::Sha256Hex(m.sql)});
        if (!recorded.ok()) return recorded.status();
        log::Info("migration applied", {{"migration", m.name}});
        ++applied_count;
      }
      return absl::OkStatus();
    }();
    (void)s.Query(absl::StrCat("SELECT RELEASE_LOCK(", kLockExpr, ")"));
    return result;
  });
  if (!status.ok()) return status;
  return applied_count;
}

absl::Status CheckSchema(Pool& pool, const std::vector<Migration>& known) {
  return pool.Run([&](Session& s) -> absl::Status {
    auto exists = s.Query(
        "SELECT COUNT(*) FROM information_schema.tables "
        "WHERE table_schema = DATABASE() AND table_name = 'schema_migrations'");
    if (!exists.ok()) return exists.status();
    if (exists->front().Int(0) == 0) {
      return absl::FailedPreconditionError("database has no schema yet; run engage-migrate first");
    }
    auto applied = Applied(s);
    if (!applied.ok()) return applied.status();
    if (auto st = Compare(*applied, known); !st.ok()) return st;
    for (const auto& m : known) {
      if (applied->count(m.version) == 0) {
        return absl::FailedPreconditionError(
            absl::StrCat("migration ", m.name, " is not applied yet; run engage-migrate first"));
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace engage::mysql
