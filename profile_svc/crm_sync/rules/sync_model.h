#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_RULES_SYNC_MODEL_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_RULES_SYNC_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "profile_svc/crm_sync/rules/sync_rules.h"

namespace engage::profile::sync {

// Plain data of the CRM integration sync.

constexpr char kProfileObject[] = "Engage_Profile_vod";
constexpr char kConnectionObject[] = "Engage_Connection_vod";
constexpr char kHcpRecordType[] = "Engage_HCP_Profile_vod";
constexpr char kStaffRecordType[] = "Engage_Staff_Profile_vod";
constexpr char kReservedPhotoType[] = "Engage_Profile_Photo_vod";
constexpr char kConnectionRecordType[] = "User_to_Engage_Profile_vod";  // SYN-05

struct Settings {
  int interval_minutes = 60;  // 0: no schedule
  std::string integration_username;
  // SEC-10: the password sealed by crypto::SecretBox (never a hash, never plain).
  std::string integration_secret_sealed;
};

// One run of an org's sync: the job resource.
struct Job {
  std::string tenant;
  std::string org_id;
  std::string run_id;
  Mode mode = Mode::kIncremental;
  Trigger trigger = Trigger::kAdmin;
  RunStatus status = RunStatus::kRunning;
  absl::Time start_time;
  absl::Time end_time = absl::InfinitePast();
  int64_t total = 0;
  int64_t done = 0;
  int64_t written = 0;
  int64_t failed = 0;
  std::string message;
  // Where the next incremental run starts from, once this one succeeded.
  absl::Time profile_watermark = absl::InfinitePast();
  int64_t feed_watermark = 0;
};

// A connection as the change feed last described it.
struct MirroredConnection {
  std::string connection_id;
  std::string field_user_profile_id;
  std::string hcp_profile_id;
  bool active = true;
  absl::Time inactivation_time = absl::InfinitePast();
  int64_t changed_sequence = 0;
};

// A profile record to write, with the Engage time it reflects (SYN-10).
struct ProfileWrite {
  ProfileRecord record;
  absl::Time engage_time;
};

// SYN-05: an Engage_Connection_vod record.
struct ConnectionRecord {
  std::string external_id;  // VExternal_ID_vod: the Engage connection id
  std::string record_type = kConnectionRecordType;
  // From_User_vod: the CRM user's id in the org (their User record's id).
  std::string from_user_id;
  // To_Engage_Profile_vod, named by the VExternal_ID_vod (the HCP's Engage
  // profile id) of the org's Engage_Profile_vod record it references.
  std::string to_profile_external_id;
  // To_Engage_Profile_vod as the CRM stores it: that record's id in the org.
  // The CRM resolves it on write; empty in what the sync writes.
  std::string to_profile_record_id;
  bool active = true;
  absl::Time inactivation_time = absl::InfinitePast();
  // The CRM's id of this record (empty in what the sync writes).
  std::string record_id;
  bool operator==(const ConnectionRecord& o) const {
    return external_id == o.external_id && record_type == o.record_type &&
           from_user_id == o.from_user_id && to_profile_external_id == o.to_profile_external_id &&
           to_profile_record_id == o.to_profile_record_id && active == o.active &&
           inactivation_time == o.inactivation_time && record_id == o.record_id;
  }
};

struct ConnectionWrite {
  ConnectionRecord record;
  absl::Time engage_time;
};

// What one run has to write to an org.
struct Work {
  std::vector<ProfileWrite> profiles;
  std::vector<ConnectionWrite> connections;
};

// The result of writing one record to the CRM.
struct WriteResult {
  std::string external_id;
  bool ok = true;
  bool created = false;
  std::string message;  // why it failed
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_RULES_SYNC_MODEL_H_
