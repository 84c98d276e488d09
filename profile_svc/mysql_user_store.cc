#include "profile_svc/mysql_user_store.h"

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "profile_svc/mysql_business_cards.h"

namespace engage::profile {

using mysql::Params;
using mysql::Session;

namespace {

constexpr char kUserColumns[] =
    "u.user_id, COALESCE(p.profile_id, ''), u.subject, u.first_name, u.last_name, u.email, "
    "u.country, u.user_type, COALESCE(u.org_id, ''), u.active, COALESCE(m.group_id, '') ";

constexpr char kUserJoins[] =
    "LEFT JOIN profiles p ON p.tenant_id = u.tenant_id AND p.user_id = u.user_id "
    "LEFT JOIN group_members m ON m.tenant_id = u.tenant_id AND m.user_id = u.user_id ";

UserRecord UserOf(const mysql::Row& r) {
  UserRecord u;
  r.Into(u.user_id, u.profile_id, u.subject, u.first_name, u.last_name, u.email, u.country,
         u.user_type, u.org_id, u.active, u.group_id);
  return u;
}

}  // namespace

UserQuery ListUsersQuery(const std::string& tenant, const UserFilter& filter,
                         const std::string& after, int limit) {
  std::string sql = absl::StrCat("SELECT ", kUserColumns);
  Params params;
  if (filter.query.empty()) {
    absl::StrAppend(&sql, "FROM users u ", kUserJoins, "WHERE u.tenant_id = ? ");
    params.push_back(tenant);
  } else {
    // One range scan per search key (migration 0070), united: the cost is the
    // number of matches, never the size of the tenant. The keys are stored in
    // lower case by the database, so the pattern is lowered by it too.
    const std::string pattern = LikePrefix(filter.query);
    absl::StrAppend(&sql, "FROM (");
    const char* keys[] = {"search_full_name", "search_last_name", "search_email"};
    for (size_t i = 0; i < 3; ++i) {
      absl::StrAppend(&sql, i == 0 ? "" : " UNION ",
                      "SELECT user_id FROM users WHERE tenant_id = ? AND ", keys[i],
                      " LIKE LOWER(?) ESCAPE '", std::string(1, kLikeEscape), "' AND user_id > ?");
      params.push_back(tenant);
      params.push_back(pattern);
      params.push_back(after);
    }
    absl::StrAppend(&sql, ") k JOIN users u ON u.tenant_id = ? AND u.user_id = k.user_id ",
                    kUserJoins, "WHERE u.tenant_id = ? ");
    params.push_back(tenant);
    params.push_back(tenant);
  }
  absl::StrAppend(&sql, "AND u.user_id > ? ");
  params.push_back(after);
  if (!filter.org_id.empty()) {
    absl::StrAppend(&sql, "AND u.org_id = ? ");
    params.push_back(filter.org_id);
  }
  if (filter.state != UserState::kAny) {
    absl::StrAppend(&sql, "AND u.active = ? ");
    params.push_back(filter.state == UserState::kActive);
  }
  absl::StrAppend(&sql, "ORDER BY u.user_id LIMIT ?");
  params.push_back(int64_t{limit});
  return {std::move(sql), std::move(params)};
}

absl::StatusOr<std::vector<UserRecord>> MysqlUserStore::ListUsers(const std::string& tenant,
                                                                  const UserFilter& filter,
                                                                  const std::string& after,
                                                                  int limit) {
  UserQuery q = ListUsersQuery(tenant, filter, after, limit);
  ASSIGN_OR_RETURN(auto rows, pool_.Query(q.sql, q.params));
  std::vector<UserRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(UserOf(r));
  return out;
}

absl::StatusOr<UserStore::Moved> MysqlUserStore::MoveUser(
    const std::string& tenant, const std::string& user_id, const std::string& org_id,
    const std::function<absl::Status(const UserRecord&)>& check, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<Moved> {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    ASSIGN_OR_RETURN(auto users,
                     s.Query(absl::StrCat("SELECT ", kUserColumns, "FROM users u ", kUserJoins,
                                          "WHERE u.tenant_id = ? AND u.user_id = ? FOR UPDATE"),
                             {tenant, user_id}));
    if (users.empty()) return absl::NotFoundError(absl::StrCat("user ", user_id, " not found"));
    UserRecord user = UserOf(users.front());
    // The org must stay while the user moves into it.
    ASSIGN_OR_RETURN(auto orgs, s.Query("SELECT 1 FROM crm_orgs WHERE tenant_id = ? AND org_id = ? "
                                        "LOCK IN SHARE MODE",
                                        {tenant, org_id}));
    if (orgs.empty()) {
      return absl::NotFoundError(absl::StrCat("org ", org_id, " is not an org of this company"));
    }
    RETURN_IF_ERROR(check(user));
    RETURN_IF_ERROR(s.Execute("UPDATE users SET org_id = ?, org_time = ?, update_time = ? "
                              "WHERE tenant_id = ? AND user_id = ?",
                              {org_id, now, now, tenant, user_id})
                        .status());
    RETURN_IF_ERROR(
        s.Execute("UPDATE profiles SET update_time = ? WHERE tenant_id = ? AND user_id = ?",
                  {now, tenant, user_id})
            .status());
    RETURN_IF_ERROR(RecomposeUserCard(s, tenant, user_id));  // its update_time (PRF-13)
    if (!user.org_id.empty()) {  // the old org's sync deactivates their records
      RETURN_IF_ERROR(s.Execute("INSERT INTO user_org_departures (tenant_id, org_id, user_id, "
                                "departure_time) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                                "departure_time = VALUES(departure_time)",
                                {tenant, user.org_id, user_id, now})
                          .status());
    }
    Moved moved;
    moved.previous_org_id = user.org_id;
    user.org_id = org_id;
    moved.user = std::move(user);
    return moved;
  });
}

}  // namespace engage::profile
