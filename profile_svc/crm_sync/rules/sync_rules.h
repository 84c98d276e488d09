#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_RULES_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace engage::profile::sync {

// The rules of the CRM integration sync (seed 002, SYN-xx), as plain
// functions: no I/O, time passed in, so each rule is tested on its own.

enum class Mode { kIncremental, kFull };
enum class Trigger { kSchedule, kAdmin };
// Stored as its number: new states go at the end.
enum class RunStatus { kRunning, kSuccess, kSuccessWithErrors, kFailure, kQueued };

// A run that is over (neither queued nor running).
inline bool Finished(RunStatus s) { return s != RunStatus::kRunning && s != RunStatus::kQueued; }

// One past run of an org's sync, newest first in the lists below.
struct PastRun {
  absl::Time start;
  RunStatus status = RunStatus::kSuccess;
};

constexpr int kHistoryKept = 10;                                      // SYN-09
constexpr int kFailuresBeforeFull = 10;                               // SYN-02
constexpr int kRecordAttempts = 10;                                   // SYN-10
constexpr absl::Duration kFullAfterNoSuccess = absl::Hours(24 * 90);  // SYN-02
constexpr absl::Duration kMinSpacing = absl::Minutes(60);             // SYN-07

// SYN-02: incremental, unless there was no successful sync in the last 90
// days or the last 10 syncs all failed (then full); an admin may force full.
Mode ChooseMode(const std::vector<PastRun>& newest_first, absl::Time now, bool admin_forced_full);

// SYN-07: syncs of an org start at least 60 minutes apart and never while the
// post-processing job runs. FAILED_PRECONDITION says when the next may start.
absl::Status MayStart(const std::vector<PastRun>& newest_first, absl::Time now,
                      bool post_processing_running);

// SYN-08: the one status a finished sync ends with.
struct Outcome {
  long long written = 0;
  long long failed = 0;
  // Engage data unreadable, CRM store unwritable, integration user missing or
  // its credentials invalid: the run fails whatever was written.
  bool fatal = false;
};
RunStatus FinalStatus(const Outcome& outcome);

// SYN-10: a record that failed is retried by the next syncs until it has
// failed kRecordAttempts consecutive syncs; then it is skipped until it
// changes again in Engage. Configuration failures do not count.
struct RecordFailures {
  int consecutive = 0;
  absl::Time last_failure_engage_version_time = absl::InfinitePast();
};
bool ShouldAttempt(const RecordFailures& failures, absl::Time engage_update_time);
RecordFailures AfterFailure(RecordFailures failures, absl::Time engage_update_time,
                            bool configuration_failure);
// SYN-10 for a record that references another one (a connection record's
// To_Engage_Profile_vod, SYN-05): besides ShouldAttempt, one given up on is
// tried again when the record it references is being written again after
// failing (`referenced_retried`), since that record's absence may have been
// why it failed.
bool ShouldAttemptReferencing(const RecordFailures& failures, absl::Time engage_update_time,
                              bool referenced_retried);

// SYN-03: a profile is synced to an org when it is connected to a CRM user of
// that org, or linked to an account of that org and connected to a CRM user
// anywhere in the company.
bool SyncsToOrg(bool connected_to_user_of_org, bool linked_to_account_of_org,
                bool connected_to_any_company_user);

// SYN-04 / SYN-06: the fields written to an org's Engage_Profile_vod record.
struct ProfileRecord {
  std::string external_id;  // VExternal_ID_vod: the Engage profile id
  std::string record_type;  // Engage_HCP_Profile_vod or Engage_Staff_Profile_vod
  std::string account_id;
  std::string connection_status;
  absl::Time connection_status_time = absl::InfinitePast();
  std::string degree;
  std::string display_name;
  absl::Time signup_time = absl::InfinitePast();
  std::string first_name;
  std::string last_name;
  std::string photo_url;
  std::string title;
  bool operator==(const ProfileRecord& o) const;
};
// SYN-06: what a deleted or merged-away profile becomes: name "Deleted User",
// status DELETED at `now`, every other field cleared.
ProfileRecord Tombstone(const std::string& external_id, const std::string& record_type,
                        absl::Time now);

// SYN-11: the sync owns a record's photo only when it is of the reserved
// content type Engage_Profile_Photo_vod (attached by hand too: the next sync
// overwrites it); a photo of any other content type is left alone.
bool SyncOwnsPhoto(const std::string& content_type);

// SYN-09: one row of a run's success or error log, and the CSV an admin
// downloads (RFC 4180 quoting, so commas, quotes and new lines survive).
struct LogRow {
  std::string object;  // Engage_Profile_vod or Engage_Connection_vod
  std::string external_id;
  std::string action;  // created, updated, deactivated, reactivated, failed
  std::string message;
};
std::string CsvHeader();
std::string CsvLine(const LogRow& row);

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_RULES_H_
