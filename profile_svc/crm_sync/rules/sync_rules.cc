#include "profile_svc/crm_sync/rules/sync_rules.h"

#include "absl/strings/str_cat.h"
#include "profile_svc/crm_sync/rules/sync_model.h"

namespace engage::profile::sync {

Mode ChooseMode(const std::vector<PastRun>& newest_first, absl::Time now, bool admin_forced_full) {
  if (admin_forced_full) return Mode::kFull;
  bool recent_success = false;
  for (const PastRun& run : newest_first) {
    if (run.status == RunStatus::kSuccess || run.status == RunStatus::kSuccessWithErrors) {
      recent_success = now - run.start <= kFullAfterNoSuccess;
      break;  // only the newest success matters
    }
  }
  if (!recent_success) return Mode::kFull;
  int finished = 0;
  int failed = 0;
  for (const PastRun& run : newest_first) {
    if (!Finished(run.status)) continue;
    if (++finished > kFailuresBeforeFull) break;
    if (run.status == RunStatus::kFailure) ++failed;
  }
  return failed >= kFailuresBeforeFull ? Mode::kFull : Mode::kIncremental;
}

absl::Status MayStart(const std::vector<PastRun>& newest_first, absl::Time now,
                      bool post_processing_running) {
  if (post_processing_running) {
    return absl::FailedPreconditionError(
        "SYN-07: an Engage post-processing job is running; the sync may start once it ends");
  }
  if (!newest_first.empty()) {
    const absl::Time next = newest_first.front().start + kMinSpacing;
    if (now < next) {
      return absl::FailedPreconditionError(absl::StrCat(
          "SYN-07: syncs of an org start at least 60 minutes apart; the next may start at ",
          absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", next, absl::UTCTimeZone())));
    }
  }
  return absl::OkStatus();
}

RunStatus FinalStatus(const Outcome& outcome) {
  if (outcome.fatal) return RunStatus::kFailure;
  if (outcome.failed == 0) return RunStatus::kSuccess;
  return outcome.written > 0 ? RunStatus::kSuccessWithErrors : RunStatus::kFailure;
}

bool ShouldAttempt(const RecordFailures& failures, absl::Time engage_update_time) {
  if (failures.consecutive < kRecordAttempts) return true;
  // Given up on: only a newer Engage change brings it back.
  return engage_update_time > failures.last_failure_engage_version_time;
}

bool ShouldAttemptReferencing(const RecordFailures& failures, absl::Time engage_update_time,
                              bool referenced_retried) {
  return referenced_retried || ShouldAttempt(failures, engage_update_time);
}

RecordFailures AfterFailure(RecordFailures failures, absl::Time engage_update_time,
                            bool configuration_failure) {
  if (configuration_failure) return failures;
  if (engage_update_time > failures.last_failure_engage_version_time &&
      failures.consecutive >= kRecordAttempts) {
    failures.consecutive = 0;  // a changed record starts a fresh series
  }
  ++failures.consecutive;
  failures.last_failure_engage_version_time = engage_update_time;
  return failures;
}

bool SyncsToOrg(bool connected_to_user_of_org, bool linked_to_account_of_org,
                bool connected_to_any_company_user) {
  return connected_to_user_of_org || (linked_to_account_of_org && connected_to_any_company_user);
}

bool ProfileRecord::operator==(const ProfileRecord& o) const {
  return external_id == o.external_id && record_type == o.record_type &&
         account_id == o.account_id && connection_status == o.connection_status &&
         connection_status_time == o.connection_status_time && degree == o.degree &&
         display_name == o.display_name && signup_time == o.signup_time &&
         first_name == o.first_name && last_name == o.last_name && photo_url == o.photo_url &&
         title == o.title;
}

ProfileRecord Tombstone(const std::string& external_id, const std::string& record_type,
                        absl::Time now) {
  ProfileRecord r;
  r.external_id = external_id;
  r.record_type = record_type;
  r.display_name = "Deleted User";
  r.connection_status = "DELETED";
  r.connection_status_time = now;
  return r;
}

bool SyncOwnsPhoto(const std::string& content_type) { return content_type == kReservedPhotoType; }

namespace {

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string CsvHeader() { return "object,external_id,action,message\r\n"; }

std::string CsvLine(const LogRow& row) {
  return absl::StrCat(CsvField(row.object), ",", CsvField(row.external_id), ",",
                      CsvField(row.action), ",", CsvField(row.message), "\r\n");
}

}  // namespace engage::profile::sync
