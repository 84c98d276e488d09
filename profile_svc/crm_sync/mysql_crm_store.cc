#include "profile_svc/crm_sync/mysql_crm_store.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
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
    "record_id, external_id, record_type, account_id, connection_status, connection_status_time, "
    "degree, "
    "display_name, signup_time, first_name, last_name, photo_url, title, created_by_sync, "
    "photo_content_type, manual_photo_url, manual_photo_content_type";

CrmStore::StoredProfile ProfileFromRow(const mysql::Row& r) {
  CrmStore::StoredProfile p;
  p.record_id = r.IsNull(0) ? "" : r.String(0);
  p.record = {r.String(1), r.String(2), r.String(3), r.String(4),  r.Time(5),    r.String(6),
              r.String(7), r.Time(8),   r.String(9), r.String(10), r.String(11), r.String(12)};
  p.created_by_sync = r.Bool(13);
  p.photo_content_type = r.String(14);
  p.manual_photo_url = r.String(15);
  p.manual_photo_content_type = r.String(16);
  return p;
}

// Key prefixes of the local CRM's record ids, per object.
constexpr char kProfileKeyPrefix[] = "a4E";
constexpr char kConnectionKeyPrefix[] = "a4C";

// SYN-05: the id a record gets in its org: the object's key prefix and 15
// upper-case hex digits of SHA-256(tenant|org|external id). Derived, not
// drawn, so a record written again after an interrupted run (SYN-12) has the
// same id; migration 0060 gave existing records theirs the same way.
std::string CrmRecordId(const char* prefix, const std::string& tenant, const std::string& org_id,
                        const std::string& external_id) {
  return absl::StrCat(
      prefix,
      absl::AsciiStrToUpper(
          crypto::Sha256Hex(absl::StrCat(tenant, "|", org_id, "|", external_id)).substr(0, 15)));
}

// Why the CRM refuses connection record `r`, or empty.
std::string Refusal(const ConnectionRecord& r, const std::map<std::string, std::string>& profiles) {
  if (r.from_user_id.empty()) return "From_User_vod: the CRM user is required";
  if (r.record_type != kConnectionRecordType) {
    return absl::StrCat("RecordType: ", kConnectionObject, " takes ", kConnectionRecordType);
  }
  if (profiles.count(r.to_profile_external_id) == 0) {
    return absl::StrCat("To_Engage_Profile_vod: the org has no ", kProfileObject,
                        " record with VExternal_ID_vod ", r.to_profile_external_id);
  }
  return "";
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
    tuples.push_back("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)");
    params.insert(params.end(),
                  {tenant, org_id, r.external_id,
                   CrmRecordId(kProfileKeyPrefix, tenant, org_id, r.external_id), r.record_type,
                   r.account_id, r.connection_status, TimeOrNull(r.connection_status_time),
                   r.degree, r.display_name, TimeOrNull(r.signup_time), r.first_name, r.last_name,
                   r.photo_url, std::string(kReservedPhotoType), r.title, now});
  }
  if (tuples.empty()) return results;
  // Records the sync writes are its own (created_by_sync stays as created).
  RETURN_IF_ERROR(
      s.Execute(
           absl::StrCat(
               "INSERT INTO crm_engage_profiles (tenant_id, org_id, external_id, record_id, "
               "record_type, "
               "account_id, connection_status, connection_status_time, degree, display_name, "
               "signup_time, first_name, last_name, photo_url, photo_content_type, title, "
               "created_by_sync, last_modified) VALUES ",
               absl::StrJoin(tuples, ", "),
               " ON DUPLICATE KEY UPDATE record_id = COALESCE(record_id, VALUES(record_id)), "
               "record_type = VALUES(record_type), "
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
  // SYN-05: To_Engage_Profile_vod references the org's profile record by its
  // record id, looked up by the VExternal_ID_vod the sync names.
  std::map<std::string, std::string> profile_records;
  {
    std::set<std::string> wanted;
    for (const auto& w : batch) wanted.insert(w.record.to_profile_external_id);
    std::vector<std::string> marks(wanted.size(), "?");
    Params params = {tenant, org_id};
    params.insert(params.end(), wanted.begin(), wanted.end());
    ASSIGN_OR_RETURN(auto rows, s.Query(absl::StrCat("SELECT external_id, record_id FROM "
                                                     "crm_engage_profiles WHERE tenant_id = ? AND "
                                                     "org_id = ? AND record_id IS NOT NULL AND "
                                                     "external_id IN (",
                                                     absl::StrJoin(marks, ","), ")"),
                                        params));
    for (const auto& r : rows) profile_records[r.String(0)] = r.String(1);
  }
  std::vector<std::string> tuples;
  Params params;
  for (const auto& w : batch) {
    const ConnectionRecord& r = w.record;
    WriteResult result{r.external_id, true, existing.count(r.external_id) == 0,
                       Refusal(r, profile_records)};
    result.ok = result.message.empty();
    results.push_back(result);
    if (!result.ok) continue;
    tuples.push_back("(?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)");
    params.insert(params.end(),
                  {tenant, org_id, r.external_id,
                   CrmRecordId(kConnectionKeyPrefix, tenant, org_id, r.external_id), r.record_type,
                   r.from_user_id, profile_records[r.to_profile_external_id], r.active,
                   TimeOrNull(r.inactivation_time), now});
  }
  if (tuples.empty()) return results;
  // Never deleted: a disconnect deactivates the record, a reconnect
  // reactivates the same one (SYN-05).
  RETURN_IF_ERROR(
      s.Execute(absl::StrCat("INSERT INTO crm_engage_connections (tenant_id, org_id, external_id, "
                             "record_id, record_type, from_user_id, to_profile_record_id, active, "
                             "inactivation_time, created_by_sync, last_modified) VALUES ",
                             absl::StrJoin(tuples, ", "),
                             " ON DUPLICATE KEY UPDATE record_id = COALESCE(record_id, "
                             "VALUES(record_id)), record_type = VALUES(record_type), "
                             "from_user_id = VALUES(from_user_id), "
                             "to_profile_record_id = VALUES(to_profile_record_id), "
                             "active = VALUES(active), "
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
  // To_Engage_Profile_vod is shown with the VExternal_ID_vod of the record it references.
  ASSIGN_OR_RETURN(
      auto rows,
      pool_.Query(
          "SELECT c.external_id, c.record_type, c.from_user_id, COALESCE(p.external_id, ''), "
          "c.to_profile_record_id, c.active, c.inactivation_time, COALESCE(c.record_id, '') "
          "FROM crm_engage_connections c LEFT JOIN crm_engage_profiles p ON p.tenant_id = "
          "c.tenant_id AND p.org_id = c.org_id AND p.record_id = c.to_profile_record_id "
          "WHERE c.tenant_id = ? AND c.org_id = ? AND c.external_id > ? "
          "ORDER BY c.external_id LIMIT ?",
          {tenant, org_id, after_id, int64_t{limit}}));
  std::vector<ConnectionRecord> out;
  for (const auto& r : rows) {
    ConnectionRecord c;
    c.external_id = r.String(0);
    c.record_type = r.String(1);
    c.from_user_id = r.String(2);
    c.to_profile_external_id = r.String(3);
    c.to_profile_record_id = r.String(4);
    c.active = r.Bool(5);
    c.inactivation_time = r.Time(6);
    c.record_id = r.String(7);
    out.push_back(std::move(c));
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
  // SYN-11: a photo of the reserved type is the sync's, and on a record the
  // sync owns it marks the record for the next sync to overwrite; any other
  // photo goes beside it, untouched by the sync.
  const char* sql = SyncOwnsPhoto(content_type)
                        ? "UPDATE crm_engage_profiles SET photo_url = ?, photo_content_type = ?, "
                          "last_modified = ?, touched_outside_sync = created_by_sync "
                          "WHERE tenant_id = ? AND org_id = ? AND external_id = ?"
                        : "UPDATE crm_engage_profiles SET manual_photo_url = ?, "
                          "manual_photo_content_type = ?, last_modified = ? "
                          "WHERE tenant_id = ? AND org_id = ? AND external_id = ?";
  RETURN_IF_ERROR(
      pool_.Execute(sql, {photo_url, content_type, now, tenant, org_id, external_id}).status());
  return GetProfile(tenant, org_id, external_id);
}

}  // namespace engage::profile::sync
