#include "profile_svc/crm_sync/mysql_crm_store.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/crypto/sha256.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/crm_sync/mysql_unit_of_work.h"

namespace engage::profile::sync {
namespace {

using mysql::Params;
using mysql::Session;
using mysql::TimeOrNull;

constexpr char kProfileColumns[] =
    "external_id, record_type, account_id, connection_status, connection_status_time, degree, "
    "display_name, signup_time, first_name, last_name, photo_url, title, created_by_sync, "
    "photo_content_type";

CrmStore::StoredProfile ProfileFromRow(const mysql::Row& r) {
  CrmStore::StoredProfile p;
  p.record = {r.String(0), r.String(1), r.String(2), r.String(3), r.Time(4),    r.String(5),
              r.String(6), r.Time(7),   r.String(8), r.String(9), r.String(10), r.String(11)};
  p.created_by_sync = r.Bool(12);
  p.photo_content_type = r.String(13);
  return p;
}

// Why the CRM refuses `r`, or empty.
std::string Refusal(const ProfileRecord& r) {
  using validate::CodePoints;
  if (CodePoints(r.display_name) > kCrmNameLength) {
    return absl::StrCat("Display_Name_vod: longer than ", kCrmNameLength, " characters");
  }
  if (CodePoints(r.first_name) > kCrmNameLength || CodePoints(r.last_name) > kCrmNameLength) {
    return absl::StrCat("First_Name_vod/Last_Name_vod: longer than ", kCrmNameLength,
                        " characters");
  }
  if (CodePoints(r.title) > kCrmTitleLength) {
    return absl::StrCat("Title_vod: longer than ", kCrmTitleLength, " characters");
  }
  return "";
}

// Which of `ids` exist already in `table` for the org (inside the batch's
// transaction). A full run's batches are runs of consecutive ids, so the
// rows between the smallest and the largest id are read by one range scan;
// when that range holds many other records (an incremental run's ids are
// spread out) the scan stops at its limit and the ids are looked up one by
// one in an IN (...) list instead. Either way the answer is exact.
absl::StatusOr<std::set<std::string>> Existing(Session& s, const std::string& table,
                                               const std::string& tenant, const std::string& org_id,
                                               const std::vector<std::string>& ids) {
  std::set<std::string> out;
  if (ids.empty()) return out;
  const auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
  const int64_t limit = static_cast<int64_t>(ids.size()) * 2 + 1;
  ASSIGN_OR_RETURN(
      auto range,
      s.Query(absl::StrCat("SELECT external_id FROM ", table,
                           " WHERE tenant_id = ? AND org_id = ? AND external_id >= ? AND "
                           "external_id <= ? ORDER BY external_id LIMIT ? FOR UPDATE"),
              {tenant, org_id, *lo, *hi, limit}));
  if (static_cast<int64_t>(range.size()) < limit) {
    for (const auto& r : range) out.insert(r.String(0));
    return out;
  }
  std::vector<std::string> marks(ids.size(), "?");
  Params params = {tenant, org_id};
  params.insert(params.end(), ids.begin(), ids.end());
  ASSIGN_OR_RETURN(auto rows,
                   s.Query(absl::StrCat("SELECT external_id FROM ", table,
                                        " WHERE tenant_id = ? AND org_id = ? AND external_id IN (",
                                        absl::StrJoin(marks, ","), ") FOR UPDATE"),
                           params));
  for (const auto& r : rows) out.insert(r.String(0));
  return out;
}

}  // namespace

absl::Status MysqlCrmStore::SignIn(const std::string& tenant, const std::string& org_id,
                                   const std::string& username, const std::string& password) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT username, secret_hash, active FROM crm_integration_users WHERE tenant_id = ? AND "
          "org_id = ?",
          {tenant, org_id}));
  if (rows.empty()) return absl::NotFoundError("the org has no integration user");
  const auto& r = rows.front();
  if (!r.Bool(2)) return absl::UnauthenticatedError("the integration user is inactive");
  if (r.String(0) != username || r.String(1) != crypto::Sha256Hex(password)) {
    return absl::UnauthenticatedError("the integration user's credentials are invalid");
  }
  return absl::OkStatus();
}

absl::Status MysqlCrmStore::ProvisionIntegrationUser(const std::string& tenant,
                                                     const std::string& org_id,
                                                     const std::string& username,
                                                     const std::string& password, bool active) {
  return pool_
      .Execute(
          "INSERT INTO crm_integration_users (tenant_id, org_id, username, secret_hash, active) "
          "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE username = VALUES(username), "
          "secret_hash = VALUES(secret_hash), active = VALUES(active)",
          {tenant, org_id, username, crypto::Sha256Hex(password), active})
      .status();
}

absl::StatusOr<std::vector<WriteResult>> MysqlCrmStore::UpsertProfiles(
    UnitOfWork& work, const std::string& tenant, const std::string& org_id,
    const std::vector<ProfileWrite>& batch, absl::Time now) {
  ASSIGN_OR_RETURN(Session * session, MysqlUnitOfWork::SessionOf(work));
  std::vector<WriteResult> results;
  Session& s = *session;
  std::vector<std::string> ids;
  for (const auto& w : batch) ids.push_back(w.record.external_id);
  ASSIGN_OR_RETURN(auto existing, Existing(s, "crm_engage_profiles", tenant, org_id, ids));
  std::vector<std::string> tuples;
  Params params;
  for (const auto& w : batch) {
    const ProfileRecord& r = w.record;
    WriteResult result{r.external_id, true, existing.count(r.external_id) == 0, Refusal(r)};
    result.ok = result.message.empty();
    results.push_back(result);
    if (!result.ok) continue;
    tuples.push_back("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)");
    params.insert(
        params.end(),
        {tenant, org_id, r.external_id, r.record_type, r.account_id, r.connection_status,
         TimeOrNull(r.connection_status_time), r.degree, r.display_name, TimeOrNull(r.signup_time),
         r.first_name, r.last_name, r.photo_url, std::string(kReservedPhotoType), r.title, now});
  }
  if (tuples.empty()) return results;
  // Records the sync writes are its own (created_by_sync stays as created).
  RETURN_IF_ERROR(
      s.Execute(
           absl::StrCat(
               "INSERT INTO crm_engage_profiles (tenant_id, org_id, external_id, record_type, "
               "account_id, connection_status, connection_status_time, degree, display_name, "
               "signup_time, first_name, last_name, photo_url, photo_content_type, title, "
               "created_by_sync, last_modified) VALUES ",
               absl::StrJoin(tuples, ", "),
               " ON DUPLICATE KEY UPDATE record_type = VALUES(record_type), "
               "account_id = VALUES(account_id), connection_status = VALUES(connection_status), "
               "connection_status_time = VALUES(connection_status_time), degree = "
               "VALUES(degree), "
               "display_name = VALUES(display_name), signup_time = VALUES(signup_time), "
               "first_name = VALUES(first_name), last_name = VALUES(last_name), "
               "photo_url = VALUES(photo_url), photo_content_type = VALUES(photo_content_type), "
               "title = VALUES(title), last_modified = VALUES(last_modified), "
               "touched_outside_sync = FALSE"),
           params)
          .status());
  return results;
}

absl::StatusOr<std::vector<WriteResult>> MysqlCrmStore::UpsertConnections(
    UnitOfWork& work, const std::string& tenant, const std::string& org_id,
    const std::vector<ConnectionWrite>& batch, absl::Time now) {
  ASSIGN_OR_RETURN(Session * session, MysqlUnitOfWork::SessionOf(work));
  std::vector<WriteResult> results;
  Session& s = *session;
  std::vector<std::string> ids;
  for (const auto& w : batch) ids.push_back(w.record.external_id);
  ASSIGN_OR_RETURN(auto existing, Existing(s, "crm_engage_connections", tenant, org_id, ids));
  std::vector<std::string> tuples;
  Params params;
  for (const auto& w : batch) {
    const ConnectionRecord& r = w.record;
    results.push_back({r.external_id, true, existing.count(r.external_id) == 0, ""});
    tuples.push_back("(?, ?, ?, ?, ?, ?, ?, TRUE, ?)");
    params.insert(params.end(), {tenant, org_id, r.external_id, r.from_user_profile_id,
                                 r.to_profile_id, r.active, TimeOrNull(r.inactivation_time), now});
  }
  if (tuples.empty()) return results;
  RETURN_IF_ERROR(
      s.Execute(absl::StrCat("INSERT INTO crm_engage_connections (tenant_id, org_id, external_id, "
                             "from_user_profile_id, to_profile_id, active, inactivation_time, "
                             "created_by_sync, last_modified) VALUES ",
                             absl::StrJoin(tuples, ", "),
                             " ON DUPLICATE KEY UPDATE active = VALUES(active), "
                             "inactivation_time = VALUES(inactivation_time), "
                             "last_modified = VALUES(last_modified)"),
                params)
          .status());
  return results;
}

absl::StatusOr<std::vector<std::string>> MysqlCrmStore::TouchedOutsideSync(
    const std::string& tenant, const std::string& org_id) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT external_id FROM crm_engage_profiles WHERE tenant_id = ? AND org_id = ? AND "
          "touched_outside_sync",
          {tenant, org_id}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.String(0));
  return out;
}

absl::StatusOr<std::vector<CrmStore::StoredProfile>> MysqlCrmStore::ListProfiles(
    const std::string& tenant, const std::string& org_id, const std::string& after_id, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(absl::StrCat("SELECT ", kProfileColumns,
                               " FROM crm_engage_profiles WHERE tenant_id = ? AND org_id = ? AND "
                               "external_id > ? ORDER BY external_id LIMIT ?"),
                  {tenant, org_id, after_id, int64_t{limit}}));
  std::vector<StoredProfile> out;
  for (const auto& r : rows) out.push_back(ProfileFromRow(r));
  return out;
}

absl::StatusOr<std::vector<ConnectionRecord>> MysqlCrmStore::ListConnections(
    const std::string& tenant, const std::string& org_id, const std::string& after_id, int limit) {
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT external_id, from_user_profile_id, to_profile_id, active, inactivation_time FROM "
          "crm_engage_connections WHERE tenant_id = ? AND org_id = ? AND external_id > ? "
          "ORDER BY external_id LIMIT ?",
          {tenant, org_id, after_id, int64_t{limit}}));
  std::vector<ConnectionRecord> out;
  for (const auto& r : rows) {
    out.push_back({r.String(0), r.String(1), r.String(2), r.Bool(3), r.Time(4)});
  }
  return out;
}

absl::StatusOr<CrmStore::StoredProfile> MysqlCrmStore::GetProfile(const std::string& tenant,
                                                                  const std::string& org_id,
                                                                  const std::string& external_id) {
  ASSIGN_OR_RETURN(auto rows,
                   pool_.Query(absl::StrCat("SELECT ", kProfileColumns,
                                            " FROM crm_engage_profiles WHERE tenant_id = ? AND "
                                            "org_id = ? AND external_id = ?"),
                               {tenant, org_id, external_id}));
  if (rows.empty()) {
    return absl::NotFoundError(absl::StrCat("Engage_Profile_vod ", external_id, " not found"));
  }
  return ProfileFromRow(rows.front());
}

absl::StatusOr<CrmStore::StoredProfile> MysqlCrmStore::EditTitle(const std::string& tenant,
                                                                 const std::string& org_id,
                                                                 const std::string& external_id,
                                                                 const std::string& title,
                                                                 absl::Time now) {
  ASSIGN_OR_RETURN(auto current, GetProfile(tenant, org_id, external_id));
  if (current.created_by_sync) {
    return absl::FailedPreconditionError(
        "SYN-11: Engage_Profile_vod records created by the sync are owned by it; edit the "
        "profile in Engage instead");
  }
  RETURN_IF_ERROR(
      pool_
          .Execute(
              "UPDATE crm_engage_profiles SET title = ?, last_modified = ? WHERE tenant_id = ? AND "
              "org_id = ? AND external_id = ?",
              {title, now, tenant, org_id, external_id})
          .status());
  return GetProfile(tenant, org_id, external_id);
}

absl::StatusOr<CrmStore::StoredProfile> MysqlCrmStore::AttachPhoto(
    const std::string& tenant, const std::string& org_id, const std::string& external_id,
    const std::string& photo_url, const std::string& content_type, absl::Time now) {
  RETURN_IF_ERROR(GetProfile(tenant, org_id, external_id).status());
  RETURN_IF_ERROR(pool_
                      .Execute("UPDATE crm_engage_profiles SET photo_url = ?, photo_content_type = "
                               "?, last_modified = ?, "
                               "touched_outside_sync = created_by_sync WHERE tenant_id = ? AND "
                               "org_id = ? AND external_id = "
                               "?",
                               {photo_url, content_type, now, tenant, org_id, external_id})
                      .status());
  return GetProfile(tenant, org_id, external_id);
}

}  // namespace engage::profile::sync
