#include "profile_svc/mysql_group_store.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "profile_svc/mysql_business_cards.h"
#include "profile_svc/mysql_profile_store.h"

namespace engage::profile {

using mysql::Session;

namespace {

constexpr char kGroupColumns[] = "group_id, name, medications";

GroupData GroupOf(const mysql::Row& r) {
  return GroupData{r.String(0), r.String(1), SplitMedications(r.String(2))};
}

absl::StatusOr<GroupData> ReadGroup(Session& s, const std::string& tenant,
                                    const std::string& group_id, bool lock) {
  ASSIGN_OR_RETURN(auto rows, s.Query(absl::StrCat("SELECT ", kGroupColumns,
                                                   " FROM engage_groups WHERE tenant_id = ? AND "
                                                   "group_id = ?",
                                                   lock ? " FOR UPDATE" : ""),
                                      {tenant, group_id}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("group ", group_id, " not found"));
  return GroupOf(rows.front());
}

absl::Status NameInUse(const std::string& name) {
  return absl::AlreadyExistsError(absl::StrCat("a group named \"", name, "\" exists"));
}

// The members' cards change with their group: their profiles' update_time
// moves, as it does when a member joins or leaves.
absl::Status TouchMembers(Session& s, const std::string& tenant, const std::string& group_id,
                          absl::Time now) {
  return s
      .Execute(
          "UPDATE profiles p JOIN group_members m ON m.tenant_id = p.tenant_id AND "
          "m.user_id = p.user_id SET p.update_time = ? WHERE m.tenant_id = ? AND m.group_id = ?",
          {now, tenant, group_id})
      .status();
}

// A member joined or left: their profile's update_time moves and their card
// is recomposed (PRF-13).
absl::Status TouchUser(Session& s, const std::string& tenant, const std::string& user_id,
                       absl::Time now) {
  RETURN_IF_ERROR(
      s.Execute("UPDATE profiles SET update_time = ? WHERE tenant_id = ? AND user_id = ?",
                {now, tenant, user_id})
          .status());
  return RecomposeUserCard(s, tenant, user_id);
}

}  // namespace

absl::StatusOr<GroupData> MysqlGroupStore::CreateGroup(const std::string& tenant,
                                                       const idempotency::RequestKey& key,
                                                       GroupData group, bool override_medications,
                                                       absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<GroupData> {
    // Locks the key (or its gap), so a concurrent request under it waits and
    // then reads the first one's row.
    ASSIGN_OR_RETURN(auto prior,
                     s.Query(absl::StrCat("SELECT ", kGroupColumns,
                                          ", request_hash FROM engage_groups WHERE "
                                          "tenant_id = ? AND request_id = ? FOR UPDATE"),
                             {tenant, key.request_id}));
    if (!prior.empty()) {
      RETURN_IF_ERROR(idempotency::CheckReplay(prior.front().String(3), key.fingerprint));
      return GroupOf(prior.front());
    }
    if (!override_medications) {
      ASSIGN_OR_RETURN(auto defaults,
                       s.Query("SELECT default_medications FROM company_settings WHERE "
                               "tenant_id = ?",
                               {tenant}));
      group.medications =
          defaults.empty() ? std::vector<std::string>{} : SplitMedications(defaults[0].String(0));
    }
    auto done = s.Execute(
        "INSERT INTO engage_groups (tenant_id, group_id, name, medications, request_id, "
        "request_hash, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {tenant, group.group_id, group.name, JoinMedications(group.medications), key.request_id,
         key.fingerprint, now, now});
    if (!done.ok()) {
      return absl::IsAlreadyExists(done.status()) ? NameInUse(group.name) : done.status();
    }
    return group;
  });
}

absl::StatusOr<std::vector<GroupData>> MysqlGroupStore::ListGroups(const std::string& tenant,
                                                                   const std::string& after,
                                                                   int limit) {
  ASSIGN_OR_RETURN(auto rows,
                   pool_.Query(absl::StrCat("SELECT ", kGroupColumns,
                                            " FROM engage_groups WHERE tenant_id = ? "
                                            "AND group_id > ? ORDER BY group_id LIMIT ?"),
                               {tenant, after, int64_t{limit}}));
  std::vector<GroupData> out;
  for (const auto& r : rows) out.push_back(GroupOf(r));
  return out;
}

absl::StatusOr<GroupData> MysqlGroupStore::UpdateGroup(const std::string& tenant,
                                                       const std::string& group_id,
                                                       const GroupChange& change, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<GroupData> {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kMany));  // PRF-13
    ASSIGN_OR_RETURN(GroupData result, ReadGroup(s, tenant, group_id, true));
    if (change.name) result.name = *change.name;
    if (change.medications) result.medications = *change.medications;
    auto done = s.Execute(
        "UPDATE engage_groups SET name = ?, medications = ?, version = version + 1, "
        "update_time = ? WHERE tenant_id = ? AND group_id = ?",
        {result.name, JoinMedications(result.medications), now, tenant, group_id});
    if (!done.ok()) {
      return absl::IsAlreadyExists(done.status()) ? NameInUse(result.name) : done.status();
    }
    RETURN_IF_ERROR(TouchMembers(s, tenant, group_id, now));
    RETURN_IF_ERROR(RecomposeGroupCards(s, tenant, group_id));
    return result;
  });
}

absl::StatusOr<int> MysqlGroupStore::DeleteGroup(const std::string& tenant,
                                                 const std::string& group_id, absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<int> {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kMany));  // PRF-13
    // The group row first: an AddGroupMember of this group waits for it and
    // then finds no group, so no member is left behind in a deleted group.
    RETURN_IF_ERROR(ReadGroup(s, tenant, group_id, true).status());
    RETURN_IF_ERROR(TouchMembers(s, tenant, group_id, now));
    ASSIGN_OR_RETURN(
        auto members,
        s.Query("SELECT user_id FROM group_members WHERE tenant_id = ? AND group_id = ? FOR UPDATE",
                {tenant, group_id}));
    ASSIGN_OR_RETURN(auto gone,
                     s.Execute("DELETE FROM group_members WHERE tenant_id = ? AND group_id = ?",
                               {tenant, group_id}));
    RETURN_IF_ERROR(s.Execute("DELETE FROM engage_groups WHERE tenant_id = ? AND group_id = ?",
                              {tenant, group_id})
                        .status());
    // The former members' cards fall back to the company defaults (PRF-07).
    for (const auto& member : members) {
      RETURN_IF_ERROR(RecomposeUserCard(s, tenant, member.String(0)));
    }
    return static_cast<int>(gone);
  });
}

absl::StatusOr<std::vector<GroupMemberData>> MysqlGroupStore::ListMembers(
    const std::string& tenant, const std::string& group_id, const std::string& after, int limit) {
  return pool_.RunFor([&](Session& s) -> absl::StatusOr<std::vector<GroupMemberData>> {
    RETURN_IF_ERROR(ReadGroup(s, tenant, group_id, false).status());
    ASSIGN_OR_RETURN(
        auto rows,
        s.Query("SELECT m.user_id, COALESCE(p.profile_id, ''), u.first_name, u.last_name, u.email "
                "FROM group_members m "
                "JOIN users u ON u.tenant_id = m.tenant_id AND u.user_id = m.user_id "
                "LEFT JOIN profiles p ON p.tenant_id = m.tenant_id AND p.user_id = m.user_id "
                "WHERE m.tenant_id = ? AND m.group_id = ? AND m.user_id > ? "
                "ORDER BY m.user_id LIMIT ?",
                {tenant, group_id, after, int64_t{limit}}));
    std::vector<GroupMemberData> out;
    for (const auto& r : rows) {
      out.push_back({r.String(0), r.String(1), r.String(2), r.String(3), r.String(4)});
    }
    return out;
  });
}

absl::Status MysqlGroupStore::AddGroupMember(
    const std::string& tenant, const std::string& group_id, const std::string& user_id,
    const std::function<absl::Status(const MemberCandidate&)>& check, absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    // Shared lock: a DeleteGroup under way finishes first (then NOT_FOUND).
    ASSIGN_OR_RETURN(auto group, s.Query("SELECT 1 FROM engage_groups WHERE tenant_id = ? AND "
                                         "group_id = ? LOCK IN SHARE MODE",
                                         {tenant, group_id}));
    if (group.empty()) return absl::NotFoundError(absl::StrCat("group ", group_id, " not found"));
    ASSIGN_OR_RETURN(
        auto user,
        s.Query("SELECT active, first_name, last_name, email, country, user_type FROM users "
                "WHERE tenant_id = ? AND user_id = ? FOR UPDATE",
                {tenant, user_id}));
    if (user.empty()) return absl::NotFoundError(absl::StrCat("user ", user_id, " not found"));
    const auto& u = user.front();
    MemberCandidate candidate{u.Bool(0),   u.String(1), u.String(2),
                              u.String(3), u.String(4), static_cast<int>(u.Int(5))};
    RETURN_IF_ERROR(check(candidate));
    ASSIGN_OR_RETURN(
        auto current,
        s.Query("SELECT group_id FROM group_members WHERE tenant_id = ? AND user_id = ?",
                {tenant, user_id}));
    if (!current.empty()) {
      if (current.front().String(0) == group_id) return absl::OkStatus();
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "user ", user_id, " already belongs to group ",
                            current.front().String(0), "; a user belongs to at most one group")),
                        "PRF-06");
    }
    RETURN_IF_ERROR(s.Execute("INSERT INTO group_members (tenant_id, user_id, group_id, "
                              "create_time) VALUES (?, ?, ?, ?)",
                              {tenant, user_id, group_id, now})
                        .status());
    return TouchUser(s, tenant, user_id, now);
  });
}

absl::Status MysqlGroupStore::RemoveGroupMember(const std::string& tenant,
                                                const std::string& user_id, absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    ASSIGN_OR_RETURN(auto gone,
                     s.Execute("DELETE FROM group_members WHERE tenant_id = ? AND user_id = ?",
                               {tenant, user_id}));
    if (gone == 0) return absl::NotFoundError(absl::StrCat("user ", user_id, " is in no group"));
    return TouchUser(s, tenant, user_id, now);
  });
}

}  // namespace engage::profile
