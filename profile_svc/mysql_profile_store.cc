#include "profile_svc/mysql_profile_store.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/idempotency/request_key.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "profile_svc/mysql_business_cards.h"
#include "profile_svc/mysql_feed.h"
#include "profile_svc/rules/business_card.h"
#include "profile_svc/rules/edit_rules.h"

namespace engage::profile {

using mysql::Session;

absl::StatusOr<Company> MysqlProfileStore::UpsertCompany(const std::string& tenant,
                                                         const std::string& name, absl::Time now) {
  RETURN_IF_ERROR(pool_.Transaction([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO companies (tenant_id, name, create_time, update_time) VALUES (?, "
                  "?, ?, ?) "
                  "ON DUPLICATE KEY UPDATE name = VALUES(name), update_time = VALUES(update_time)",
                  {tenant, name, now, now})
            .status());
    // The name is on every staff card (PRF-13: composed in this transaction).
    return RecomposeStaffCards(s, tenant);
  }));
  return Company{tenant, name};
}

absl::StatusOr<CreatedUser> MysqlProfileStore::CreateFieldUser(const std::string& tenant,
                                                               const NewFieldUser& user,
                                                               const std::string& user_id,
                                                               const std::string& profile_id,
                                                               absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<CreatedUser> {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    // A replayed request returns what the first one made.
    ASSIGN_OR_RETURN(
        auto prior,
        s.Query("SELECT u.user_id, p.profile_id, u.request_hash FROM users u "
                "JOIN profiles p ON p.tenant_id = u.tenant_id AND p.user_id = u.user_id "
                "WHERE u.tenant_id = ? AND u.request_id = ?",
                {tenant, user.request_id}));
    if (!prior.empty()) {
      RETURN_IF_ERROR(idempotency::CheckReplay(prior[0].String(2), user.request_hash));
      return CreatedUser{prior[0].String(0), prior[0].String(1)};
    }
    auto company = s.Query("SELECT 1 FROM companies WHERE tenant_id = ?", {tenant});
    if (!company.ok()) return company.status();
    if (company->empty()) {
      return absl::FailedPreconditionError(
          "the company does not exist yet; call UpsertCompany first");
    }
    if (!user.org_id.empty()) {
      auto org = s.Query("SELECT 1 FROM crm_orgs WHERE tenant_id = ? AND org_id = ?",
                         {tenant, user.org_id});
      if (!org.ok()) return org.status();
      if (org->empty()) return absl::NotFoundError("org " + user.org_id + " not found");
    }
    auto inserted = s.Execute(
        "INSERT INTO users (tenant_id, user_id, subject, first_name, last_name, email, country, "
        "user_type, request_id, request_hash, org_id, create_time, update_time) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {tenant, user_id, user.subject, user.first_name, user.last_name, user.email, user.country,
         int64_t{static_cast<int>(user.user_type)}, user.request_id, user.request_hash,
         user.org_id.empty() ? mysql::Value(nullptr) : mysql::Value(user.org_id), now, now});
    if (!inserted.ok()) {
      if (absl::IsAlreadyExists(inserted.status())) {
        return absl::AlreadyExistsError(
            absl::StrCat("a user with subject \"", user.subject, "\" already exists"));
      }
      return inserted.status();
    }
    if (auto d =
            s.Execute("INSERT INTO user_details (tenant_id, user_id, update_time) VALUES (?, ?, ?)",
                      {tenant, user_id, now});
        !d.ok()) {
      return d.status();
    }
    auto p = s.Execute(
        "INSERT INTO profiles (tenant_id, profile_id, kind, subject, user_id, create_time, "
        "update_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {tenant, profile_id, int64_t{static_cast<int>(ProfileKind::kStaff)}, user.subject, user_id,
         now, now});
    if (!p.ok()) {
      return absl::IsAlreadyExists(p.status())
                 ? absl::AlreadyExistsError(absl::StrCat("subject \"", user.subject,
                                                         "\" already has a profile (PRF-01)"))
                 : p.status();
    }
    RETURN_IF_ERROR(RecomposeProfileCard(s, tenant, profile_id));
    return CreatedUser{user_id, profile_id};
  });
}

namespace {

// Locks the profile row; NOT_FOUND when it is not in the tenant.
absl::StatusOr<mysql::Row> LockProfile(Session& s, const std::string& tenant,
                                       const std::string& profile_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      s.Query("SELECT p.kind, p.subject, p.deleted_time IS NOT NULL, p.version, p.user_id, "
              "COALESCE(u.can_edit_details, FALSE) FROM profiles p "
              "LEFT JOIN users u ON u.tenant_id = p.tenant_id AND u.user_id = p.user_id "
              "WHERE p.tenant_id = ? AND p.profile_id = ? FOR UPDATE",
              {tenant, profile_id}));
  if (rows.empty()) return absl::NotFoundError(absl::StrCat("profile ", profile_id, " not found"));
  return rows.front();
}

// The column and value a path writes: on users, user_details or hcp_details.
mysql::Value ValueOf(const ProfileFields& f, const std::string& path) {
  if (path == "first_name") return f.first_name;
  if (path == "last_name") return f.last_name;
  if (path == "email") return f.email;
  if (path == "country") return f.country;
  if (path == "user_type") return int64_t{static_cast<int>(f.user_type)};
  if (path == "active") return f.active;
  if (path == "can_edit_details") return f.can_edit_details;
  if (path == "display_name") return f.display_name;
  if (path == "photo_url") return f.photo_url;
  if (path == "phone") return f.phone;
  if (path == "title") return f.title;
  if (path == "degree") return f.degree;
  if (path == "practice") return f.practice;
  if (path == "address") return f.address;
  return f.alternate_id;
}

// Runs "UPDATE <table> SET a = ?, b = ?, update_time = ? WHERE ..." for the
// paths of one table. Column names come from the fixed path list (checked by
// the rules), values are bound: no request text is ever spliced into SQL.
absl::Status UpdateColumns(Session& s, const std::string& table, const std::string& key_column,
                           const std::vector<std::string>& paths, const ProfileFields& f,
                           const std::string& tenant, const std::string& key, absl::Time now) {
  if (paths.empty()) return absl::OkStatus();
  std::string sql = absl::StrCat("UPDATE ", table, " SET ");
  mysql::Params params;
  for (const auto& path : paths) {
    absl::StrAppend(&sql, path, " = ?, ");
    params.push_back(ValueOf(f, path));
  }
  absl::StrAppend(&sql, "update_time = ? WHERE tenant_id = ? AND ", key_column, " = ?");
  params.push_back(now);
  params.push_back(tenant);
  params.push_back(key);
  auto done = s.Execute(sql, params);
  return done.ok() ? absl::OkStatus() : done.status();
}

// The e-mail connection_svc erases by when this profile goes: the verified
// e-mail it signed up with (SEC-07), never the card's contact e-mail, which
// the HCP may have set to anyone's address (PRF-04). Empty when another live
// profile of the tenant signed up with the same verified e-mail (the survivor
// of a merge, PRF-12, or a duplicate): what is held for that address is
// theirs too, so only what names this profile goes.
absl::StatusOr<std::string> ErasureEmail(Session& s, const std::string& tenant,
                                         const std::string& profile_id) {
  ASSIGN_OR_RETURN(
      auto own,
      s.Query("SELECT verified_email FROM hcp_details WHERE tenant_id = ? AND profile_id = ?",
              {tenant, profile_id}));
  if (own.empty() || own.front().String(0).empty()) return std::string();
  const std::string email = own.front().String(0);
  ASSIGN_OR_RETURN(
      auto shared,
      s.Query("SELECT 1 FROM hcp_details h JOIN profiles p ON p.tenant_id = h.tenant_id "
              "AND p.profile_id = h.profile_id WHERE h.tenant_id = ? AND "
              "h.verified_email = ? AND h.profile_id <> ? AND p.deleted_time IS NULL "
              "LIMIT 1",
              {tenant, email, profile_id}));
  return shared.empty() ? email : std::string();
}

// PRF-11 / PRF-12: the tombstone. Every HCP-owned field is cleared, and every
// other personal datum profile_svc holds goes in the same transaction: the
// category answers, the profile-data events (delivered or not), the e-mail of
// the sign-up in the feed. What connection_svc holds is queued for it
// (profile_erasures, with the e-mail it matches by), so no deletion is lost
// even if connection_svc cannot be reached now.
absl::Status Tombstone(Session& s, const std::string& tenant, const std::string& profile_id,
                       const std::string& merged_into, absl::Time now) {
  ASSIGN_OR_RETURN(const std::string email, ErasureEmail(s, tenant, profile_id));
  RETURN_IF_ERROR(s.Execute("INSERT IGNORE INTO profile_erasures (tenant_id, profile_id, email, "
                            "next_attempt_time, create_time) VALUES (?, ?, ?, ?, ?)",
                            {tenant, profile_id, email, now, now})
                      .status());
  for (const char* table : {"profile_answers", "profile_data_outbox"}) {
    RETURN_IF_ERROR(
        s.Execute(absl::StrCat("DELETE FROM ", table, " WHERE tenant_id = ? AND profile_id = ?"),
                  {tenant, profile_id})
            .status());
  }
  RETURN_IF_ERROR(
      s.Execute("UPDATE profile_feed SET email = '' WHERE tenant_id = ? AND profile_id = ?",
                {tenant, profile_id})
          .status());
  RETURN_IF_ERROR(
      s.Execute("UPDATE profiles SET deleted_time = ?, status_time = ?, merged_into = ?, "
                "version = version + 1, update_time = ? WHERE tenant_id = ? AND profile_id = ?",
                {now, now, merged_into.empty() ? mysql::Value(nullptr) : mysql::Value(merged_into),
                 now, tenant, profile_id})
          .status());
  RETURN_IF_ERROR(
      s.Execute(
           "UPDATE hcp_details SET first_name = '', last_name = '', display_name = '', email = '', "
           "verified_email = '', "
           "phone = '', title = '', degree = '', practice = '', address = '', country = '', "
           "photo_url = '', alternate_id = '' WHERE tenant_id = ? AND profile_id = ?",
           {tenant, profile_id})
          .status());
  RETURN_IF_ERROR(AppendFeed(s, tenant, Feed::kRemovals, profile_id, "", now).status());
  return RecomposeProfileCard(s, tenant, profile_id);
}

}  // namespace

std::vector<std::string> SplitMedications(const std::string& joined) {
  std::vector<std::string> out;
  if (joined.empty()) return out;
  for (auto part : absl::StrSplit(joined, '\n')) out.emplace_back(part);
  return out;
}

std::string JoinMedications(const std::vector<std::string>& medications) {
  return absl::StrJoin(medications, "\n");
}

// PRF-13: a card is its composed row, one primary-key read of committed data.
absl::StatusOr<CardSource> MysqlProfileStore::GetCardSource(const std::string& tenant,
                                                            const std::string& profile_id) {
  ASSIGN_OR_RETURN(auto row, ReadComposedCard(pool_, tenant, profile_id));
  return CardSourceOf(row);
}

absl::StatusOr<std::vector<CardSource>> MysqlProfileStore::ListCardSources(
    const std::string& tenant, const std::string& after, int limit, bool staff_only) {
  ASSIGN_OR_RETURN(auto rows, ReadComposedCards(pool_, tenant, after, limit, staff_only));
  std::vector<CardSource> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(CardSourceOf(r));
  return out;
}

absl::StatusOr<std::string> MysqlProfileStore::ProfileIdOfSubject(const std::string& tenant,
                                                                  const std::string& subject) {
  const std::string key = absl::StrCat(tenant, absl::string_view("\0", 1), subject);
  {
    std::lock_guard<std::mutex> lock(known_mu_);
    auto it = known_profile_ids_.find(key);
    if (it != known_profile_ids_.end()) return it->second;
  }
  ASSIGN_OR_RETURN(
      auto rows, pool_.Query("SELECT profile_id FROM profiles WHERE tenant_id = ? AND subject = ?",
                             {tenant, subject}));
  if (rows.empty()) return absl::NotFoundError("the caller has no profile");
  std::lock_guard<std::mutex> lock(known_mu_);
  if (known_profile_ids_.size() >= kMaxKnownSubjects) known_profile_ids_.clear();
  known_profile_ids_[key] = rows.front().String(0);
  return rows.front().String(0);
}

absl::Status MysqlProfileStore::UpdateProfile(const std::string& tenant,
                                              const std::string& profile_id,
                                              const ProfileEdit& edit, const EditCheck& check,
                                              absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    ASSIGN_OR_RETURN(auto row, LockProfile(s, tenant, profile_id));
    EditTarget target{static_cast<ProfileKind>(row.Int(0)), row.String(1), row.Bool(5),
                      row.Bool(2)};
    RETURN_IF_ERROR(check(target));
    if (edit.etag != EtagOf(row.Int(3))) {
      return WithReason(absl::FailedPreconditionError(
                            "etag: the profile changed since you read it; read it again"),
                        "ETAG_MISMATCH");
    }
    const std::string user_id = row.String(4);
    std::vector<std::string> user_paths, detail_paths, hcp_paths;
    for (const auto& path : edit.paths) {
      switch (OwnerOf(target.kind, path)) {
        case FieldOwner::kAdmin:
          user_paths.push_back(path);
          break;
        case FieldOwner::kDetail:
          detail_paths.push_back(path);
          break;
        case FieldOwner::kHcp:
        case FieldOwner::kAdminOfHcp:
          hcp_paths.push_back(path);
          break;
        case FieldOwner::kNotAField:
          return InvalidField("update_mask", path);
      }
    }
    RETURN_IF_ERROR(
        UpdateColumns(s, "users", "user_id", user_paths, edit.fields, tenant, user_id, now));
    RETURN_IF_ERROR(UpdateColumns(s, "user_details", "user_id", detail_paths, edit.fields, tenant,
                                  user_id, now));
    if (!hcp_paths.empty()) {
      // hcp_details has no update_time of its own: the profile's is the one that counts.
      std::string sql = "UPDATE hcp_details SET ";
      mysql::Params params;
      for (size_t i = 0; i < hcp_paths.size(); ++i) {
        absl::StrAppend(&sql, i ? ", " : "", hcp_paths[i], " = ?");
        params.push_back(ValueOf(edit.fields, hcp_paths[i]));
      }
      absl::StrAppend(&sql, " WHERE tenant_id = ? AND profile_id = ?");
      params.push_back(tenant);
      params.push_back(profile_id);
      if (auto done = s.Execute(sql, params); !done.ok()) return done.status();
    }
    RETURN_IF_ERROR(s.Execute("UPDATE profiles SET version = version + 1, update_time = ? "
                              "WHERE tenant_id = ? AND profile_id = ?",
                              {now, tenant, profile_id})
                        .status());
    return RecomposeProfileCard(s, tenant, profile_id);
  });
}

absl::Status MysqlProfileStore::DeleteHcpProfile(const std::string& tenant,
                                                 const std::string& profile_id,
                                                 const std::string& subject, absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    ASSIGN_OR_RETURN(auto row, LockProfile(s, tenant, profile_id));
    if (row.Int(0) != static_cast<int>(ProfileKind::kHcp) || row.String(1) != subject) {
      return WithReason(absl::PermissionDeniedError("an HCP may delete only their own profile"),
                        "PRF-11");
    }
    if (row.Bool(2)) return absl::OkStatus();
    return Tombstone(s, tenant, profile_id, "", now);
  });
}

absl::Status MysqlProfileStore::MergeProfiles(const std::string& tenant, const std::string& losing,
                                              const std::string& winning, absl::Time now) {
  return pool_.Transaction([&](Session& s) -> absl::Status {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    // Lock in id order so two opposite merges cannot deadlock each other.
    const bool losing_first = losing < winning;
    ASSIGN_OR_RETURN(auto first, LockProfile(s, tenant, losing_first ? losing : winning));
    ASSIGN_OR_RETURN(auto second, LockProfile(s, tenant, losing_first ? winning : losing));
    const mysql::Row& l = losing_first ? first : second;
    const mysql::Row& w = losing_first ? second : first;
    if (l.Int(0) != static_cast<int>(ProfileKind::kHcp) ||
        w.Int(0) != static_cast<int>(ProfileKind::kHcp)) {
      return WithReason(absl::FailedPreconditionError("only HCP profiles are merged"), "PRF-12");
    }
    if (l.Bool(2) || w.Bool(2)) {
      return WithReason(
          absl::FailedPreconditionError("a deleted profile cannot take part in a merge"), "PRF-12");
    }
    return Tombstone(s, tenant, losing, winning, now);
  });
}

absl::StatusOr<std::vector<ProfileOwner>> MysqlProfileStore::GetOwners(
    const std::string& tenant, const std::vector<std::string>& profile_ids) {
  if (profile_ids.empty()) return std::vector<ProfileOwner>{};
  std::string sql =
      "SELECT p.profile_id, p.kind, p.subject, p.deleted_time IS NOT NULL, "
      "COALESCE(u.org_id, '') FROM profiles p "
      "LEFT JOIN users u ON u.tenant_id = p.tenant_id AND u.user_id = p.user_id "
      "WHERE p.tenant_id = ? AND p.profile_id IN (";
  mysql::Params params = {tenant};
  for (size_t i = 0; i < profile_ids.size(); ++i) {
    sql += i == 0 ? "?" : ",?";
    params.push_back(profile_ids[i]);
  }
  sql += ")";
  ASSIGN_OR_RETURN(auto rows, pool_.Query(sql, params));
  std::vector<ProfileOwner> owners;
  for (const auto& r : rows) {
    owners.push_back(ProfileOwner{r.String(0), static_cast<ProfileKind>(r.Int(1)), r.String(2),
                                  r.Bool(3), r.String(4)});
  }
  return owners;
}

absl::StatusOr<ProfileOwner> MysqlProfileStore::GetOwner(const std::string& tenant,
                                                         const std::string& profile_id) {
  ASSIGN_OR_RETURN(auto owners, GetOwners(tenant, {profile_id}));
  if (owners.empty()) {
    return absl::NotFoundError(absl::StrCat("profile ", profile_id, " not found"));
  }
  return owners.front();
}

absl::StatusOr<SignUpResult> MysqlProfileStore::SignUpHcp(const std::string& tenant,
                                                          const NewHcp& hcp,
                                                          const std::string& profile_id,
                                                          absl::Time now) {
  return pool_.TransactionFor([&](Session& s) -> absl::StatusOr<SignUpResult> {
    RETURN_IF_ERROR(LockCards(s, tenant, CardLock::kOne));  // PRF-13
    ASSIGN_OR_RETURN(auto prior,
                     s.Query("SELECT profile_id, kind, deleted_time IS NOT NULL FROM profiles "
                             "WHERE tenant_id = ? AND subject = ? FOR UPDATE",
                             {tenant, hcp.subject}));
    if (!prior.empty()) {
      const auto& r = prior.front();
      if (r.Int(1) != static_cast<int>(ProfileKind::kHcp)) {
        return WithReason(absl::FailedPreconditionError(
                              "this identity already has a staff profile; one profile per user"),
                          "PRF-01");
      }
      if (r.Bool(2)) {
        return WithReason(absl::FailedPreconditionError("this HCP profile was deleted"), "PRF-11");
      }
      return SignUpResult{r.String(0), false};
    }
    auto company = s.Query("SELECT 1 FROM companies WHERE tenant_id = ?", {tenant});
    if (!company.ok()) return company.status();
    if (company->empty()) return absl::FailedPreconditionError("the company does not exist");
    RETURN_IF_ERROR(
        s.Execute(
             "INSERT INTO profiles (tenant_id, profile_id, kind, subject, user_id, create_time, "
             "update_time) VALUES (?, ?, ?, ?, NULL, ?, ?)",
             {tenant, profile_id, int64_t{static_cast<int>(ProfileKind::kHcp)}, hcp.subject, now,
              now})
            .status());
    RETURN_IF_ERROR(
        s.Execute("INSERT INTO hcp_details (tenant_id, profile_id, first_name, last_name, email, "
                  "verified_email, sign_up_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  {tenant, profile_id, hcp.first_name, hcp.last_name, hcp.email, hcp.email, now})
            .status());
    RETURN_IF_ERROR(AppendFeed(s, tenant, Feed::kSignUps, profile_id, hcp.email, now).status());
    RETURN_IF_ERROR(RecomposeProfileCard(s, tenant, profile_id));
    return SignUpResult{profile_id, true};
  });
}

absl::StatusOr<std::vector<FeedEntry>> MysqlProfileStore::ReadFeed(const std::string& tenant,
                                                                   Feed feed, int64_t after,
                                                                   int limit) {
  return ReadFeedRows(pool_, tenant, feed, after, limit);
}

}  // namespace engage::profile
