#include "profile_svc/mysql_account_store.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "profile_svc/mysql_business_cards.h"
#include "profile_svc/rules/account_rules.h"

namespace engage::profile {

using mysql::Session;

namespace {

Org OrgOf(const mysql::Row& r) {
  return Org{r.String(0), static_cast<OrgType>(r.Int(1)), r.String(2)};
}

absl::Status RequireOrg(Session& s, const std::string& tenant, const std::string& org_id) {
  auto org = s.Query("SELECT 1 FROM crm_orgs WHERE tenant_id = ? AND org_id = ?", {tenant, org_id});
  if (!org.ok()) return org.status();
  if (org->empty()) return NoSuchOrg(org_id);
  return absl::OkStatus();
}

// PRF-10 inside a transaction: the account `account_id` finally resolves to.
absl::StatusOr<std::string> Resolve(Session& s, const std::string& tenant,
                                    const std::string& org_id, const std::string& account_id) {
  return ResolveMergeChain(
      account_id, [&](const std::string& losing) -> absl::StatusOr<std::optional<std::string>> {
        ASSIGN_OR_RETURN(auto rows,
                         s.Query("SELECT winning_account_id FROM account_merges "
                                 "WHERE tenant_id = ? AND org_id = ? AND losing_account_id = ?",
                                 {tenant, org_id, losing}));
        if (rows.empty()) return std::optional<std::string>();
        return std::optional<std::string>(rows.front().String(0));
      });
}

}  // namespace

absl::StatusOr<Org> MysqlAccountStore::CreateOrg(const std::string& tenant, const Org& org,
                                                 absl::Time now) {
  auto done = pool_.Execute(
      "INSERT INTO crm_orgs (tenant_id, org_id, org_type, domain, create_time, update_time) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      {tenant, org.org_id, int64_t{static_cast<int>(org.type)}, org.domain, now, now});
  if (!done.ok()) {
    if (absl::IsAlreadyExists(done.status())) {
      return absl::AlreadyExistsError(absl::StrCat("org ", org.org_id, " already exists"));
    }
    return done.status();
  }
  return org;
}

absl::StatusOr<Org> MysqlAccountStore::GetOrg(const std::string& tenant,
                                              const std::string& org_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT org_id, org_type, domain FROM crm_orgs WHERE tenant_id = ? AND org_id = ?",
          {tenant, org_id}));
  if (rows.empty()) return NoSuchOrg(org_id);
  return OrgOf(rows.front());
}

absl::StatusOr<std::vector<Org>> MysqlAccountStore::ListOrgs(const std::string& tenant,
                                                             const std::string& after_org_id,
                                                             int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT org_id, org_type, domain FROM crm_orgs WHERE tenant_id = ? AND org_id > ? "
          "ORDER BY org_id LIMIT ?",
          {tenant, after_org_id, int64_t{limit}}));
  std::vector<Org> out;
  for (const auto& r : rows) out.push_back(OrgOf(r));
  return out;
}

absl::StatusOr<std::string> MysqlAccountStore::LinkProfile(const std::string& tenant,
                                                           const std::string& profile_id,
                                                           const std::string& org_id,
                                                           const std::string& account_id,
                                                           absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<std::string> {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    auto profile = s.Query(
        "SELECT kind, deleted_time IS NOT NULL FROM profiles "
        "WHERE tenant_id = ? AND profile_id = ? FOR UPDATE",
        {tenant, profile_id});
    if (!profile.ok()) return profile.status();
    if (profile->empty()) {
      return absl::NotFoundError(absl::StrCat("profile ", profile_id, " not found"));
    }
    if (profile->front().Int(0) != static_cast<int>(ProfileKind::kHcp)) {
      return WithReason(
          absl::FailedPreconditionError("only an HCP profile can be linked to an account"),
          "PRF-09");
    }
    if (profile->front().Bool(1)) {
      return WithReason(absl::FailedPreconditionError("the profile was deleted"), "PRF-11");
    }
    RETURN_IF_ERROR(RequireOrg(s, tenant, org_id));
    ASSIGN_OR_RETURN(auto winner, Resolve(s, tenant, org_id, account_id));
    RETURN_IF_ERROR(
        s.Execute(
             "INSERT INTO account_links (tenant_id, profile_id, org_id, account_id, link_time) "
             "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
             "link_time = IF(account_id = VALUES(account_id), link_time, VALUES(link_time)), "
             "account_id = VALUES(account_id)",
             {tenant, profile_id, org_id, winner, now})
            .status());
    // The sync (issue 5) reads changed profiles by update time.
    RETURN_IF_ERROR(
        s.Execute("UPDATE profiles SET update_time = ? WHERE tenant_id = ? AND profile_id = ?",
                  {now, tenant, profile_id})
            .status());
    RETURN_IF_ERROR(RecomposeProfileCard(s, tenant, profile_id));  // its update_time (PRF-13)
    return winner;
  });
}

absl::Status MysqlAccountStore::UnlinkProfile(const std::string& tenant,
                                              const std::string& profile_id,
                                              const std::string& org_id, absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    ASSIGN_OR_RETURN(
        auto gone,
        s.Execute("DELETE FROM account_links WHERE tenant_id = ? AND profile_id = ? AND org_id = ?",
                  {tenant, profile_id, org_id}));
    if (gone == 0) {
      return absl::NotFoundError(
          absl::StrCat("profile ", profile_id, " has no account link in org ", org_id));
    }
    RETURN_IF_ERROR(
        s.Execute("UPDATE profiles SET update_time = ? WHERE tenant_id = ? AND profile_id = ?",
                  {now, tenant, profile_id})
            .status());
    return RecomposeProfileCard(s, tenant, profile_id);  // its update_time (PRF-13)
  });
}

absl::StatusOr<std::string> MysqlAccountStore::RecordMerge(const std::string& tenant,
                                                           const std::string& org_id,
                                                           const std::string& losing,
                                                           const std::string& winning,
                                                           absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<std::string> {
    RETURN_IF_ERROR(RequireOrg(s, tenant, org_id));
    // Serialises merges of one org so two cannot close a cycle between them.
    auto lock = s.Query("SELECT 1 FROM crm_orgs WHERE tenant_id = ? AND org_id = ? FOR UPDATE",
                        {tenant, org_id});
    if (!lock.ok()) return lock.status();
    ASSIGN_OR_RETURN(auto resolved_losing, Resolve(s, tenant, org_id, losing));
    ASSIGN_OR_RETURN(auto resolved_winning, Resolve(s, tenant, org_id, winning));
    RETURN_IF_ERROR(CheckMerge(resolved_losing, resolved_winning));
    RETURN_IF_ERROR(s.Execute("INSERT INTO account_merges (tenant_id, org_id, losing_account_id, "
                              "winning_account_id, "
                              "merge_time) VALUES (?, ?, ?, ?, ?)",
                              {tenant, org_id, resolved_losing, resolved_winning, now})
                        .status());
    // PRF-10: the losers of the new loser now point at the final winner too,
    // so every chain stays one hop (attack review 6, finding 10).
    RETURN_IF_ERROR(s.Execute("UPDATE account_merges SET winning_account_id = ? "
                              "WHERE tenant_id = ? AND org_id = ? AND winning_account_id = ?",
                              {resolved_winning, tenant, org_id, resolved_losing})
                        .status());
    RETURN_IF_ERROR(s.Execute("UPDATE account_links SET account_id = ?, link_time = ? "
                              "WHERE tenant_id = ? AND org_id = ? AND account_id = ?",
                              {resolved_winning, now, tenant, org_id, resolved_losing})
                        .status());
    return resolved_winning;
  });
}

absl::StatusOr<AccountStore::Indicator> MysqlAccountStore::GetIndicator(
    const std::string& tenant, const std::string& org_id, const std::string& account_id) {
  return pool_.RunFor([&](Session& s) -> absl::StatusOr<Indicator> {
    RETURN_IF_ERROR(RequireOrg(s, tenant, org_id));
    ASSIGN_OR_RETURN(auto resolved, Resolve(s, tenant, org_id, account_id));
    Indicator indicator;
    indicator.account_id = resolved;
    ASSIGN_OR_RETURN(
        auto rows,
        s.Query(
            "SELECT l.profile_id, h.display_name, h.first_name, h.last_name, "
            "p.deleted_time IS NOT NULL FROM account_links l "
            "JOIN profiles p ON p.tenant_id = l.tenant_id AND p.profile_id = l.profile_id "
            "LEFT JOIN hcp_details h ON h.tenant_id = l.tenant_id AND h.profile_id = l.profile_id "
            "WHERE l.tenant_id = ? AND l.org_id = ? AND l.account_id = ? ORDER BY l.profile_id",
            {tenant, org_id, resolved}));
    for (const auto& r : rows) {
      Indicator::Entry e{r.String(0), r.String(1), r.Bool(4)};
      if (e.deleted) {
        e.display_name = "Deleted User";
      } else if (e.display_name.empty()) {
        e.display_name = absl::StrCat(r.String(2), " ", r.String(3));
      }
      indicator.profiles.push_back(std::move(e));
    }
    return indicator;
  });
}

}  // namespace engage::profile
