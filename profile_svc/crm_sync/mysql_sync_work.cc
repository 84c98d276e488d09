// MysqlSyncStore::LoadWork: what one run writes to an org (SYN-03..06).
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status/status_macros.h"
#include "profile_svc/crm_sync/mysql_sync_store.h"
#include "profile_svc/crm_sync/rules/sync_plan.h"
#include "profile_svc/rules/account_rules.h"

namespace engage::profile::sync {
namespace {

using mysql::Params;
using mysql::Rows;

constexpr size_t kChunk = 500;

// Runs `sql_prefix` + "(?, ?, ...)" over `ids` in chunks, `leading` bound first.
absl::Status ForChunks(mysql::Pool& pool, const std::string& sql_prefix,
                       const std::vector<std::string>& ids, const Params& leading,
                       const std::function<void(const Rows&)>& each) {
  for (size_t at = 0; at < ids.size(); at += kChunk) {
    const size_t n = std::min(kChunk, ids.size() - at);
    std::vector<std::string> marks(n, "?");
    Params params = leading;
    for (size_t i = 0; i < n; ++i) params.push_back(ids[at + i]);
    ASSIGN_OR_RETURN(
        auto rows,
        pool.Query(absl::StrCat(sql_prefix, "(", absl::StrJoin(marks, ","), ")"), params));
    each(rows);
  }
  return absl::OkStatus();
}

MirroredConnection MirrorRow(const mysql::Row& r) {
  return {r.String(0), r.String(1), r.String(2), r.Bool(3), r.Time(4), r.Int(5)};
}

constexpr char kMirrorColumns[] =
    "connection_id, field_user_profile_id, hcp_profile_id, active, inactivation_time, "
    "changed_sequence";

// The profile columns LoadWork reads; ProfileFromRow reads them back.
constexpr char kProfileSelect[] =
    "SELECT p.profile_id, p.kind, p.deleted_time IS NOT NULL OR p.merged_into IS NOT NULL, "
    "COALESCE(p.status_time, p.deleted_time, p.create_time), p.update_time, p.create_time, "
    "COALESCE(h.first_name, u.first_name, ''), COALESCE(h.last_name, u.last_name, ''), "
    "COALESCE(h.display_name, d.display_name, ''), COALESCE(h.title, d.title, ''), "
    "COALESCE(h.degree, ''), COALESCE(h.photo_url, d.photo_url, ''), h.sign_up_time, "
    "COALESCE(a.account_id, '') "
    "FROM profiles p "
    "LEFT JOIN users u ON u.tenant_id = p.tenant_id AND u.user_id = p.user_id "
    "LEFT JOIN user_details d ON d.tenant_id = p.tenant_id AND d.user_id = p.user_id "
    "LEFT JOIN hcp_details h ON h.tenant_id = p.tenant_id AND h.profile_id = p.profile_id "
    "LEFT JOIN account_links a ON a.tenant_id = p.tenant_id AND a.profile_id = p.profile_id "
    "AND a.org_id = ? ";

SyncProfile ProfileFromRow(const mysql::Row& r) {
  SyncProfile d;
  d.profile_id = r.String(0);
  d.kind = static_cast<ProfileKind>(r.Int(1));
  d.removed = r.Bool(2);
  d.status_time = r.Time(3);
  d.update_time = r.Time(4);
  d.create_time = r.Time(5);
  d.first_name = r.String(6);
  d.last_name = r.String(7);
  d.display_name = r.String(8);
  d.title = r.String(9);
  d.degree = r.String(10);
  d.photo_url = r.String(11);
  d.signup_time = r.IsNull(12) ? d.create_time : r.Time(12);
  d.linked_account = r.String(13);
  return d;
}

// Rows per query of a full run's key-ordered reads: big enough that round
// trips do not count, small enough that one page's rows stay small.
constexpr int64_t kPage = 10000;

}  // namespace

// The staff profiles of the org's CRM users, and of every CRM user of the company.
absl::Status MysqlSyncStore::LoadStaff(const std::string& tenant, const std::string& org_id,
                                       OrgStaff& staff) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT p.profile_id, u.org_id, u.user_id FROM users u JOIN profiles p ON p.tenant_id = "
          "u.tenant_id "
          "AND p.user_id = u.user_id WHERE u.tenant_id = ?",
          {tenant}));
  for (const auto& r : rows) {
    staff.of_company.insert(r.String(0));
    if (r.String(1) == org_id) staff.of_org.emplace(r.String(0), r.String(2));
  }
  return absl::OkStatus();
}

// Account merges of the org, to resolve links (PRF-10).
absl::StatusOr<std::function<std::string(const std::string&)>> MysqlSyncStore::LoadMerges(
    const std::string& tenant, const std::string& org_id) {
  auto winner = std::make_shared<std::unordered_map<std::string, std::string>>();
  ASSIGN_OR_RETURN(auto rows, pool_.Query("SELECT losing_account_id, winning_account_id FROM "
                                          "account_merges WHERE tenant_id = ? AND "
                                          "org_id = ?",
                                          {tenant, org_id}));
  for (const auto& r : rows) (*winner)[r.String(0)] = r.String(1);
  return std::function<std::string(const std::string&)>(
      [winner](const std::string& account) -> std::string {
        auto resolved = ResolveMergeChain(
            account, [&](const std::string& a) -> absl::StatusOr<std::optional<std::string>> {
              auto it = winner->find(a);
              if (it == winner->end()) return std::optional<std::string>();
              return std::optional<std::string>(it->second);
            });
        return resolved.ok() ? *resolved : account;
      });
}

// A full run reads everything in key order, page by page, into flat vectors:
// the connections once (their ties decide SYN-03 for each profile), then the
// profiles with their data, each turned into its record as it is read. No
// map of every profile's data is built, and no list of every profile id is
// sent back to the database in IN (...) chunks.
absl::StatusOr<Work> MysqlSyncStore::LoadFullWork(const std::string& tenant,
                                                  const std::string& org_id,
                                                  const std::vector<std::string>& retry_profiles,
                                                  absl::Time now) {
  (void)retry_profiles;  // a full run writes every profile anyway
  OrgStaff staff;
  RETURN_IF_ERROR(LoadStaff(tenant, org_id, staff));
  ASSIGN_OR_RETURN(auto resolve, LoadMerges(tenant, org_id));

  std::vector<MirroredConnection> connections;
  for (std::string after;;) {
    ASSIGN_OR_RETURN(
        auto rows, pool_.Query(absl::StrCat("SELECT ", kMirrorColumns,
                                            " FROM sync_connection_mirror WHERE tenant_id = ? AND "
                                            "connection_id > ? ORDER BY connection_id LIMIT ?"),
                               {tenant, after, kPage}));
    for (const auto& r : rows) connections.push_back(MirrorRow(r));
    if (static_cast<int64_t>(rows.size()) < kPage) break;
    after = connections.back().connection_id;
  }

  Work work;
  // Removed HCPs (few): their connections are deactivated (SYN-06).
  std::unordered_map<std::string, absl::Time> removed;
  {
    // Keys are views of the connections' strings, which outlive this map.
    std::unordered_map<std::string_view, Ties> ties;
    ties.reserve(connections.size() / 2);
    for (const auto& c : connections) Tie(ties, c, staff);
    for (std::string after;;) {
      ASSIGN_OR_RETURN(auto rows,
                       pool_.Query(absl::StrCat(kProfileSelect,
                                                "WHERE p.tenant_id = ? AND p.profile_id > ? "
                                                "ORDER BY p.profile_id LIMIT ?"),
                                   {org_id, tenant, after, kPage}));
      for (const auto& r : rows) {
        SyncProfile d = ProfileFromRow(r);
        auto t = ties.find(d.profile_id);
        auto write = ProfileWriteFor(d, t == ties.end() ? Ties{} : t->second,
                                     staff.InOrg(d.profile_id), resolve, now);
        if (d.removed) removed.emplace(d.profile_id, d.status_time);
        if (write.has_value()) work.profiles.push_back(std::move(*write));
        after = std::move(d.profile_id);
      }
      if (static_cast<int64_t>(rows.size()) < kPage) break;
    }
  }
  // SYN-05: one record per connection to a CRM user of the org.
  for (auto& c : connections) {
    if (!ConnectionSynced(c, staff)) continue;
    auto hcp = removed.find(c.hcp_profile_id);
    const std::string user = staff.UserIdOf(c.field_user_profile_id);
    work.connections.push_back(
        ConnectionWriteFor(std::move(c), user, hcp == removed.end() ? nullptr : &hcp->second));
  }
  return work;
}

absl::StatusOr<Work> MysqlSyncStore::LoadWork(const std::string& tenant, const std::string& org_id,
                                              absl::Time since_time, int64_t since_sequence,
                                              const std::vector<std::string>& retry_profiles,
                                              const std::vector<std::string>& retry_connections,
                                              absl::Time now) {
  const bool full = since_time == absl::InfinitePast() && since_sequence == 0;
  if (full) return LoadFullWork(tenant, org_id, retry_profiles, now);

  // An incremental run: what changed since the watermarks, and every
  // connection of the profiles it names.
  OrgStaff staff;
  RETURN_IF_ERROR(LoadStaff(tenant, org_id, staff));

  std::map<std::string, MirroredConnection> connections;
  std::set<std::string> candidates(retry_profiles.begin(), retry_profiles.end());
  {
    ASSIGN_OR_RETURN(auto rows,
                     pool_.Query(absl::StrCat("SELECT ", kMirrorColumns,
                                              " FROM sync_connection_mirror WHERE tenant_id = ? "
                                              "AND changed_sequence > ?"),
                                 {tenant, since_sequence}));
    for (const auto& r : rows) {
      MirroredConnection c = MirrorRow(r);
      candidates.insert(c.hcp_profile_id);
      candidates.insert(c.field_user_profile_id);
      connections[c.connection_id] = std::move(c);
    }
  }
  // SYN-10: connection records that failed are written again, with both
  // their sides (the HCP's profile record is what they reference, SYN-05).
  RETURN_IF_ERROR(ForChunks(pool_,
                            absl::StrCat("SELECT ", kMirrorColumns,
                                         " FROM sync_connection_mirror WHERE tenant_id = ? AND "
                                         "connection_id IN "),
                            retry_connections, {tenant}, [&](const Rows& rows) {
                              for (const auto& r : rows) {
                                MirroredConnection c = MirrorRow(r);
                                candidates.insert(c.hcp_profile_id);
                                candidates.insert(c.field_user_profile_id);
                                connections[c.connection_id] = std::move(c);
                              }
                            }));
  std::set<std::string> changed_connections;
  for (const auto& [id, c] : connections) changed_connections.insert(id);
  {
    // Profiles changed in Engage, and profiles whose account link in this org changed.
    ASSIGN_OR_RETURN(
        auto changed,
        pool_.Query("SELECT profile_id FROM profiles WHERE tenant_id = ? AND update_time > ? UNION "
                    "SELECT profile_id FROM account_links WHERE tenant_id = ? AND org_id = ? AND "
                    "link_time > ?",
                    {tenant, since_time, tenant, org_id, since_time}));
    for (const auto& r : changed) candidates.insert(r.String(0));
    // Every connection of a candidate decides SYN-03 for it.
    std::vector<std::string> ids(candidates.begin(), candidates.end());
    for (const char* column : {"hcp_profile_id", "field_user_profile_id"}) {
      absl::Status st = ForChunks(
          pool_,
          absl::StrCat("SELECT ", kMirrorColumns,
                       " FROM sync_connection_mirror WHERE tenant_id = ? AND ", column, " IN "),
          ids, {tenant}, [&](const Rows& rows) {
            for (const auto& r : rows) connections.emplace(r.String(0), MirrorRow(r));
          });
      if (!st.ok()) return st;
    }
  }

  // The data of every candidate profile.
  std::map<std::string, SyncProfile> profiles;
  std::vector<std::string> ids(candidates.begin(), candidates.end());
  absl::Status loaded =
      ForChunks(pool_, absl::StrCat(kProfileSelect, "WHERE p.tenant_id = ? AND p.profile_id IN "),
                ids, {org_id, tenant}, [&](const Rows& rows) {
                  for (const auto& r : rows) {
                    SyncProfile d = ProfileFromRow(r);
                    std::string id = d.profile_id;
                    profiles[id] = std::move(d);
                  }
                });
  if (!loaded.ok()) return loaded;
  ASSIGN_OR_RETURN(auto resolve, LoadMerges(tenant, org_id));

  std::map<std::string, Ties> ties;
  for (const auto& [id, c] : connections) Tie(ties, c, staff);

  Work work;
  for (const auto& [id, d] : profiles) {
    auto t = ties.find(id);
    auto write =
        ProfileWriteFor(d, t == ties.end() ? Ties{} : t->second, staff.InOrg(id), resolve, now);
    if (write.has_value()) work.profiles.push_back(std::move(*write));
  }
  // SYN-05: one record per connection to a CRM user of the org.
  for (const auto& [id, c] : connections) {
    if (!ConnectionSynced(c, staff)) continue;
    auto hcp = profiles.find(c.hcp_profile_id);
    const bool hcp_removed = hcp != profiles.end() && hcp->second.removed;
    // Unchanged connections of a candidate are rewritten only when one side was removed.
    if (changed_connections.count(id) == 0 && !hcp_removed) continue;
    work.connections.push_back(
        ConnectionWriteFor(c, staff.UserIdOf(c.field_user_profile_id),
                           hcp_removed ? &hcp->second.status_time : nullptr));
  }
  return work;
}

}  // namespace engage::profile::sync
