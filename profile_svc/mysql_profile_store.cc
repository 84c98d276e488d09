#include "profile_svc/mysql_profile_store.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "profile_svc/mysql_feed.h"

namespace engage::profile {

using mysql::Session;

absl::StatusOr<Company> MysqlProfileStore::UpsertCompany(const std::string& tenant,
                                                         const std::string& name, absl::Time now) {
  auto done = pool_.Execute(
      "INSERT INTO companies (tenant_id, name, create_time, update_time) VALUES (?, ?, ?, ?) "
      "ON DUPLICATE KEY UPDATE name = VALUES(name), update_time = VALUES(update_time)",
      {tenant, name, now, now});
  if (!done.ok()) return done.status();
  return Company{tenant, name};
}

absl::StatusOr<CreatedUser> MysqlProfileStore::CreateFieldUser(const std::string& tenant,
                                                               const NewFieldUser& user,
                                                               const std::string& user_id,
                                                               const std::string& profile_id,
                                                               absl::Time now) {
  CreatedUser created;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    // A replayed request returns what the first one made.
    auto prior = s.Query(
        "SELECT u.user_id, p.profile_id, u.subject FROM users u "
        "JOIN profiles p ON p.tenant_id = u.tenant_id AND p.user_id = u.user_id "
        "WHERE u.tenant_id = ? AND u.request_id = ?",
        {tenant, user.request_id});
    if (!prior.ok()) return prior.status();
    if (!prior->empty()) {
      if ((*prior)[0].String(2) != user.subject) {
        return absl::AlreadyExistsError("request_id was already used for another user");
      }
      created = {(*prior)[0].String(0), (*prior)[0].String(1)};
      return absl::OkStatus();
    }
    auto company = s.Query("SELECT 1 FROM companies WHERE tenant_id = ?", {tenant});
    if (!company.ok()) return company.status();
    if (company->empty()) {
      return absl::FailedPreconditionError("the company does not exist yet; call UpsertCompany first");
    }
    auto inserted = s.Execute(
        "INSERT INTO users (tenant_id, user_id, subject, first_name, last_name, email, country, "
        "user_type, request_id, create_time, update_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {tenant, user_id, user.subject, user.first_name, user.last_name, user.email, user.country,
         int64_t{static_cast<int>(user.user_type)}, user.request_id, now, now});
    if (!inserted.ok()) {
      if (absl::IsAlreadyExists(inserted.status())) {
        return absl::AlreadyExistsError(
            absl::StrCat("a user with subject \"", user.subject, "\" already exists"));
      }
      return inserted.status();
    }
    if (auto d = s.Execute("INSERT INTO user_details (tenant_id, user_id, update_time) VALUES (?, ?, ?)",
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
                 ? absl::AlreadyExistsError(
                       absl::StrCat("subject \"", user.subject, "\" already has a profile (PRF-01)"))
                 : p.status();
    }
    created = {user_id, profile_id};
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return created;
}

absl::StatusOr<CardSource> MysqlProfileStore::GetCardSource(const std::string& tenant,
                                                            const std::string& profile_id) {
  auto rows = pool_.Query(
        "SELECT p.profile_id, p.kind, u.first_name, u.last_name, u.email, u.country, "
        "d.display_name, d.title, d.phone, d.photo_url, c.name, p.deleted_time IS NOT NULL, "
        "p.version, p.update_time "
      "FROM profiles p "
        "LEFT JOIN users u ON u.tenant_id = p.tenant_id AND u.user_id = p.user_id "
        "LEFT JOIN user_details d ON d.tenant_id = p.tenant_id AND d.user_id = p.user_id "
        "LEFT JOIN companies c ON c.tenant_id = p.tenant_id "
        "WHERE p.tenant_id = ? AND p.profile_id = ?",
        {tenant, profile_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::NotFoundError(absl::StrCat("profile ", profile_id, " not found"));
  const auto& r = rows->front();
  CardSource c;
  c.profile_id = r.String(0);
  c.kind = static_cast<ProfileKind>(r.Int(1));
  c.first_name = r.String(2);
  c.last_name = r.String(3);
  c.email = r.String(4);
  c.country = r.String(5);
  c.display_name = r.String(6);
  c.title = r.String(7);
  c.phone = r.String(8);
  c.photo_url = r.String(9);
  c.company_name = r.String(10);
  c.deleted = r.Bool(11);
  c.version = r.Int(12);
  c.update_time = r.Time(13);
  return c;
}

absl::StatusOr<ProfileOwner> MysqlProfileStore::GetOwner(const std::string& tenant,
                                                         const std::string& profile_id) {
  auto rows = pool_.Query(
      "SELECT profile_id, kind, subject, deleted_time IS NOT NULL FROM profiles "
      "WHERE tenant_id = ? AND profile_id = ?",
      {tenant, profile_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return absl::NotFoundError(absl::StrCat("profile ", profile_id, " not found"));
  const auto& r = rows->front();
  return ProfileOwner{r.String(0), static_cast<ProfileKind>(r.Int(1)), r.String(2), r.Bool(3)};
}

absl::StatusOr<SignUpResult> MysqlProfileStore::SignUpHcp(const std::string& tenant,
                                                           const NewHcp& hcp,
                                                           const std::string& profile_id,
                                                           absl::Time now) {
  SignUpResult result;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    auto prior = s.Query(
        "SELECT profile_id, kind, deleted_time IS NOT NULL FROM profiles "
        "WHERE tenant_id = ? AND subject = ? FOR UPDATE",
        {tenant, hcp.subject});
    if (!prior.ok()) return prior.status();
    if (!prior->empty()) {
      const auto& r = prior->front();
      if (r.Int(1) != static_cast<int>(ProfileKind::kHcp)) {
        return WithReason(absl::FailedPreconditionError(
                              "this identity already has a staff profile; one profile per user"),
                          "PRF-01");
      }
      if (r.Bool(2)) {
        return WithReason(absl::FailedPreconditionError("this HCP profile was deleted"), "PRF-11");
      }
      result = {r.String(0), false};
      return absl::OkStatus();
    }
    auto company = s.Query("SELECT 1 FROM companies WHERE tenant_id = ?", {tenant});
    if (!company.ok()) return company.status();
    if (company->empty()) return absl::FailedPreconditionError("the company does not exist");
    auto p = s.Execute(
        "INSERT INTO profiles (tenant_id, profile_id, kind, subject, user_id, create_time, "
        "update_time) VALUES (?, ?, ?, ?, NULL, ?, ?)",
        {tenant, profile_id, int64_t{static_cast<int>(ProfileKind::kHcp)}, hcp.subject, now, now});
    if (!p.ok()) return p.status();
    auto d = s.Execute(
        "INSERT INTO hcp_details (tenant_id, profile_id, first_name, last_name, email, "
        "sign_up_time) VALUES (?, ?, ?, ?, ?, ?)",
        {tenant, profile_id, hcp.first_name, hcp.last_name, hcp.email, now});
    if (!d.ok()) return d.status();
    auto seq = AppendFeed(s, tenant, Feed::kSignUps, profile_id, hcp.email, now);
    if (!seq.ok()) return seq.status();
    result = {profile_id, true};
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  return result;
}

absl::StatusOr<std::vector<FeedEntry>> MysqlProfileStore::ReadFeed(const std::string& tenant,
                                                                   Feed feed, int64_t after,
                                                                   int limit) {
  return ReadFeedRows(pool_, tenant, feed, after, limit);
}

}  // namespace engage::profile
