#include "profile_svc/mysql_erasure_store.h"

#include "common/status/status_macros.h"

namespace engage::profile {

namespace {

constexpr char kColumns[] = "SELECT tenant_id, profile_id, email, attempts FROM profile_erasures ";

PendingErasure ErasureOf(const mysql::Row& r) {
  return {r.String(0), r.String(1), r.String(2), static_cast<int>(r.Int(3))};
}

}  // namespace

absl::StatusOr<std::optional<PendingErasure>> MysqlErasureStore::Get(
    const std::string& tenant, const std::string& profile_id) {
  ASSIGN_OR_RETURN(auto rows,
                   pool_.Query(std::string(kColumns) + "WHERE tenant_id = ? AND profile_id = ?",
                               {tenant, profile_id}));
  if (rows.empty()) return std::nullopt;
  return ErasureOf(rows.front());
}

absl::StatusOr<std::vector<PendingErasure>> MysqlErasureStore::Due(absl::Time now, int limit) {
  ASSIGN_OR_RETURN(auto rows, pool_.Query(std::string(kColumns) +
                                              "WHERE next_attempt_time <= ? ORDER BY "
                                              "next_attempt_time, tenant_id, profile_id LIMIT ?",
                                          {now, int64_t{limit}}));
  std::vector<PendingErasure> out;
  for (const auto& r : rows) out.push_back(ErasureOf(r));
  return out;
}

absl::Status MysqlErasureStore::Done(const std::string& tenant, const std::string& profile_id) {
  return pool_
      .Execute("DELETE FROM profile_erasures WHERE tenant_id = ? AND profile_id = ?",
               {tenant, profile_id})
      .status();
}

absl::Status MysqlErasureStore::Failed(const std::string& tenant, const std::string& profile_id,
                                       absl::Time next_attempt, const std::string& error) {
  return pool_
      .Execute(
          "UPDATE profile_erasures SET attempts = attempts + 1, next_attempt_time = ?, "
          "last_error = LEFT(?, 1000) WHERE tenant_id = ? AND profile_id = ?",
          {next_attempt, error, tenant, profile_id})
      .status();
}

}  // namespace engage::profile
