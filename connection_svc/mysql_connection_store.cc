#include "connection_svc/mysql_connection_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "connection_svc/mysql_connection_rows.h"
#include "connection_svc/rules/consent_rules.h"

namespace engage::connection {

using mysql::Row;
using mysql::Session;

absl::StatusOr<ConnectionPage> MysqlConnectionStore::ListForProfile(const std::string& tenant,
                                                                    const std::string& profile_id,
                                                                    const std::string& after_id,
                                                                    int limit) {
  // One more row than asked tells whether another page follows.
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          absl::StrCat("SELECT ", kConnectionColumns,
                       " FROM connections WHERE tenant_id = ? AND (field_user_profile_id = ? OR "
                       "hcp_profile_id = ?) AND connection_id > ? ORDER BY connection_id LIMIT ?"),
          {tenant, profile_id, profile_id, after_id, int64_t{limit + 1}}));
  ConnectionPage page;
  for (const auto& r : rows) {
    if (static_cast<int>(page.connections.size()) == limit) {
      page.more = true;
      break;
    }
    page.connections.push_back(ConnectionFrom(r));
  }
  return page;
}

absl::StatusOr<Connection> MysqlConnectionStore::GetConnection(const std::string& tenant,
                                                               const std::string& connection_id) {
  auto rows =
      pool_.Query(absl::StrCat("SELECT ", kConnectionColumns,
                               " FROM connections WHERE tenant_id = ? AND connection_id = ?"),
                  {tenant, connection_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return NoSuchConnection();
  return ConnectionFrom((*rows)[0]);
}

absl::StatusOr<ConnectResult> MysqlConnectionStore::Connect(
    const std::string& tenant, const std::string& field_user, const std::string& hcp, Origin origin,
    const ConnectAct& act, const std::string& new_id, absl::Time now) {
  return pool_.TransactionFor(
      [&](Session& s) { return ConnectIn(s, tenant, field_user, hcp, origin, act, new_id, now); });
}

absl::StatusOr<ConnectResult> MysqlConnectionStore::Disconnect(const std::string& tenant,
                                                               const std::string& connection_id,
                                                               EndedBy ended_by, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<ConnectResult> {
    RETURN_IF_ERROR(LockFeed(s, tenant));
    ASSIGN_OR_RETURN(
        auto rows,
        s.Query(
            absl::StrCat("SELECT ", kConnectionColumns,
                         " FROM connections WHERE tenant_id = ? AND connection_id = ? FOR UPDATE"),
            {tenant, connection_id}));
    if (rows.empty()) return NoSuchConnection();
    ConnectResult result;
    result.connection = ConnectionFrom(rows[0]);
    result.change = ChangeKind::kNone;
    if (!result.connection.active) return result;
    RETURN_IF_ERROR(
        s.Execute("UPDATE connections SET active = FALSE, inactivation_time = ?, ended_by = ?, "
                  "update_time = ? WHERE tenant_id = ? AND connection_id = ?",
                  {now, I(static_cast<int>(ended_by)), now, tenant, connection_id})
            .status());
    result.connection.active = false;
    result.connection.inactivation_time = now;
    result.connection.ended_by = ended_by;
    result.change = ChangeKind::kDeactivated;
    RETURN_IF_ERROR(AppendChange(s, tenant, result.change, result.connection, now));
    return result;
  });
}

absl::StatusOr<std::vector<ProfileStatus>> MysqlConnectionStore::StatusesFor(
    const std::string& tenant, const std::string& field_user,
    const std::vector<std::string>& hcp_ids) {
  std::vector<ProfileStatus> out;
  if (hcp_ids.empty()) return out;
  mysql::Params params = {tenant, field_user};
  std::vector<std::string> marks;
  for (const auto& id : hcp_ids) {
    params.push_back(id);
    marks.push_back("?");
  }
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          absl::StrCat(
              "SELECT hcp_profile_id, connection_id, active FROM connections WHERE tenant_id = ? "
              "AND field_user_profile_id = ? AND hcp_profile_id IN (",
              absl::StrJoin(marks, ", "), ")"),
          params));
  for (const auto& id : hcp_ids) {
    ProfileStatus status{id, PairStatus::kNotConnected, ""};
    for (const auto& r : rows) {
      if (r.String(0) != id) continue;
      status.connection_id = r.String(1);
      status.status = r.Bool(2) ? PairStatus::kConnected : PairStatus::kDisconnected;
    }
    out.push_back(status);
  }
  return out;
}

}  // namespace engage::connection
