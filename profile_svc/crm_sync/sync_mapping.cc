#include "profile_svc/crm_sync/sync_mapping.h"

#include <google/protobuf/util/time_util.h>

namespace engage::profile::sync {
namespace {

void SetTime(absl::Time t, google::protobuf::Timestamp* out) {
  if (t == absl::InfinitePast()) return;
  *out = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

v1::SyncStatus StatusOf(RunStatus s) {
  switch (s) {
    case RunStatus::kRunning:
      return v1::SYNC_STATUS_RUNNING;
    case RunStatus::kSuccess:
      return v1::SYNC_STATUS_SUCCESS;
    case RunStatus::kSuccessWithErrors:
      return v1::SYNC_STATUS_SUCCESS_WITH_ERRORS;
    case RunStatus::kFailure:
      return v1::SYNC_STATUS_FAILURE;
    case RunStatus::kQueued:
      return v1::SYNC_STATUS_QUEUED;
  }
  return v1::SYNC_STATUS_UNSPECIFIED;
}

}  // namespace

void ToProto(const Job& run, v1::SyncJob* out) {
  out->set_job_id(run.run_id);
  out->set_org_id(run.org_id);
  out->set_mode(run.mode == Mode::kFull ? v1::SYNC_MODE_FULL : v1::SYNC_MODE_INCREMENTAL);
  out->set_trigger(run.trigger == Trigger::kAdmin ? v1::SYNC_TRIGGER_ADMIN
                                                  : v1::SYNC_TRIGGER_SCHEDULE);
  out->set_status(StatusOf(run.status));
  SetTime(run.start_time, out->mutable_start_time());
  SetTime(run.end_time, out->mutable_end_time());
  out->set_total_records(run.total);
  out->set_done_records(run.done);
  out->set_written_records(run.written);
  out->set_failed_records(run.failed);
  out->set_message(run.message);
}

void ToProto(const CrmStore::StoredProfile& profile, v1::CrmProfile* out) {
  const ProfileRecord& r = profile.record;
  out->set_external_id(r.external_id);
  out->set_record_type(r.record_type);
  out->set_account_id(r.account_id);
  out->set_connection_status(r.connection_status);
  SetTime(r.connection_status_time, out->mutable_connection_status_time());
  out->set_degree(r.degree);
  out->set_display_name(r.display_name);
  SetTime(r.signup_time, out->mutable_signup_time());
  out->set_first_name(r.first_name);
  out->set_last_name(r.last_name);
  out->set_photo_url(r.photo_url);
  out->set_title(r.title);
  out->set_created_by_sync(profile.created_by_sync);
  out->set_record_id(profile.record_id);
  out->set_photo_content_type(profile.photo_content_type);
  out->set_manual_photo_url(profile.manual_photo_url);
  out->set_manual_photo_content_type(profile.manual_photo_content_type);
}

void ToProto(const ConnectionRecord& connection, v1::CrmConnection* out) {
  out->set_external_id(connection.external_id);
  out->set_to_profile_id(connection.to_profile_external_id);
  out->set_record_id(connection.record_id);
  out->set_record_type(connection.record_type);
  out->set_from_user_id(connection.from_user_id);
  out->set_to_engage_profile_record_id(connection.to_profile_record_id);
  out->set_active(connection.active);
  SetTime(connection.inactivation_time, out->mutable_inactivation_time());
}

}  // namespace engage::profile::sync
