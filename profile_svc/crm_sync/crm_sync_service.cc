#include "profile_svc/crm_sync/crm_sync_service.h"

#include <algorithm>

#include "absl/time/clock.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/crm_sync/integration_secret.h"
#include "profile_svc/crm_sync/sync_mapping.h"
#include "profile_svc/rules/account_rules.h"

namespace engage::profile::sync {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_INTEGRATION;

namespace {

// The org and job ids every job call names.
absl::Status CheckJobRequest(const std::string& org_id, const std::string& job_id) {
  FieldErrors errors;
  OrgId(errors, "org_id", org_id);
  validate::Id(errors, "job_id", job_id);
  return errors.ToStatus();
}

}  // namespace

absl::Status CheckIntegrationUser(const std::string& org_id, const std::string& username,
                                  const std::string& password) {
  FieldErrors errors;
  OrgId(errors, "org_id", org_id);
  validate::Text(errors, "username", username, 1, 128);
  validate::Text(errors, "password", password, 1, 256);
  return errors.ToStatus();
}

grpc::Status CrmSyncServiceImpl::SetIntegrationUser(grpc::ServerContext* context,
                                                    const v1::SetIntegrationUserRequest* request,
                                                    v1::SetIntegrationUserResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    RETURN_IF_ERROR(
        CheckIntegrationUser(request->org_id(), request->username(), request->password()));
    RETURN_IF_ERROR(store_.RequireOrg(caller.tenant, request->org_id()));
    // SEC-10: kept encrypted, since the sync must present it to the CRM.
    ASSIGN_OR_RETURN(auto sealed, SealIntegrationPassword(secrets_, caller.tenant,
                                                          request->org_id(), request->password()));
    return store_.SetIntegrationUser(caller.tenant, request->org_id(), request->username(), sealed,
                                     clock_.Now());
  });
}

grpc::Status CrmSyncServiceImpl::ValidateIntegrationUser(
    grpc::ServerContext* context, const v1::ValidateIntegrationUserRequest* request,
    v1::ValidateIntegrationUserResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.RequireOrg(caller.tenant, request->org_id()));
    ASSIGN_OR_RETURN(auto settings, store_.GetSettings(caller.tenant, request->org_id()));
    if (settings.integration_username.empty()) {
      response->set_reason("the integration user is not configured");
      return absl::OkStatus();
    }
    absl::Status signed_in =
        SignInAsIntegrationUser(store_, crm_, secrets_, caller.tenant, request->org_id(), settings);
    if (absl::IsUnavailable(signed_in) || absl::IsInternal(signed_in)) return signed_in;
    response->set_valid(signed_in.ok());
    response->set_reason(std::string(signed_in.message()));
    return absl::OkStatus();
  });
}

grpc::Status CrmSyncServiceImpl::SetSyncSchedule(grpc::ServerContext* context,
                                                 const v1::SetSyncScheduleRequest* request,
                                                 v1::SetSyncScheduleResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    const int minutes = request->interval_minutes();
    if (minutes != 0 && (minutes < 60 || minutes > 10080)) {
      // SYN-07: syncs are at least 60 minutes apart, so no shorter schedule.
      errors.Add("interval_minutes", "must be 0 (off) or between 60 and 10080");
    }
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.RequireOrg(caller.tenant, request->org_id()));
    return store_.SetInterval(caller.tenant, request->org_id(), minutes, clock_.Now());
  });
}

grpc::Status CrmSyncServiceImpl::StartSync(grpc::ServerContext* context,
                                           const v1::StartSyncRequest* request,
                                           v1::StartSyncResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    if (!errors.empty()) return errors.ToStatus();
    auto run = runner_.Start(caller.tenant, request->org_id(), Trigger::kAdmin, request->full());
    if (!run.ok()) {
      // Another replica running this org's sync is a state, not a conflict to retry blindly.
      if (absl::IsAborted(run.status()))
        return absl::FailedPreconditionError(run.status().message());
      return run.status();
    }
    ToProto(*run, response->mutable_job());
    return absl::OkStatus();
  });
}

grpc::Status CrmSyncServiceImpl::GetSyncJob(grpc::ServerContext* context,
                                            const v1::GetSyncJobRequest* request,
                                            v1::GetSyncJobResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    RETURN_IF_ERROR(CheckJobRequest(request->org_id(), request->job_id()));
    ASSIGN_OR_RETURN(auto run, store_.GetRun(caller.tenant, request->org_id(), request->job_id()));
    ToProto(run, response->mutable_job());
    return absl::OkStatus();
  });
}

grpc::Status CrmSyncServiceImpl::WatchSyncJob(
    grpc::ServerContext* context, const v1::WatchSyncJobRequest* request,
    grpc::ServerWriter<v1::WatchSyncJobResponse>* writer) {
  return server::HandleStream(context, gate_, [&](const Identity& caller) -> absl::Status {
    RETURN_IF_ERROR(CheckJobRequest(request->org_id(), request->job_id()));
    auto slot = streams_.Take(caller.tenant, caller.subject);
    if (!slot.ok()) return slot.status();
    int64_t last_done = -1;
    // Polls every 200 ms while the job moves, backing off to 1 s while it
    // does not (a queued job), so idle watchers cost the database little.
    absl::Duration pause = absl::Milliseconds(200);
    while (!context->IsCancelled()) {
      ASSIGN_OR_RETURN(auto run,
                       store_.GetRun(caller.tenant, request->org_id(), request->job_id()));
      const bool finished = Finished(run.status);
      if (run.done != last_done || finished) {
        v1::WatchSyncJobResponse update;
        ToProto(run, update.mutable_job());
        if (!writer->Write(update)) return absl::OkStatus();
        last_done = run.done;
        pause = absl::Milliseconds(200);
      } else {
        pause = std::min(pause * 2, absl::Seconds(1));
      }
      if (finished) return absl::OkStatus();
      absl::SleepFor(pause);
    }
    return absl::CancelledError("the caller went away");
  });
}

grpc::Status CrmSyncServiceImpl::ListSyncJobs(grpc::ServerContext* context,
                                              const v1::ListSyncJobsRequest* request,
                                              v1::ListSyncJobsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(store_.RequireOrg(caller.tenant, request->org_id()));
    ASSIGN_OR_RETURN(auto runs, store_.History(caller.tenant, request->org_id(), kHistoryKept));
    for (const Job& r : runs) ToProto(r, response->add_jobs());
    return absl::OkStatus();
  });
}

grpc::Status CrmSyncServiceImpl::DownloadSyncLog(
    grpc::ServerContext* context, const v1::DownloadSyncLogRequest* request,
    grpc::ServerWriter<v1::DownloadSyncLogResponse>* writer) {
  return server::HandleStream(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    OrgId(errors, "org_id", request->org_id());
    validate::Id(errors, "job_id", request->job_id());
    if (request->kind() != v1::SYNC_LOG_KIND_SUCCESS &&
        request->kind() != v1::SYNC_LOG_KIND_ERROR) {
      errors.Add("kind", "must be SYNC_LOG_KIND_SUCCESS or SYNC_LOG_KIND_ERROR");
    }
    if (!errors.empty()) return errors.ToStatus();
    auto slot = streams_.Take(caller.tenant, caller.subject);
    if (!slot.ok()) return slot.status();
    RETURN_IF_ERROR(store_.GetRun(caller.tenant, request->org_id(), request->job_id()).status());
    // Chunks of about 64 KiB keep memory flat whatever the log's size.
    std::string chunk = CsvHeader();
    bool open = true;
    auto flush = [&] {
      v1::DownloadSyncLogResponse piece;
      piece.set_csv_chunk(chunk);
      open = writer->Write(piece);
      chunk.clear();
    };
    absl::Status read =
        store_.ReadLog(caller.tenant, request->job_id(), request->kind() == v1::SYNC_LOG_KIND_ERROR,
                       [&](const LogRow& row) {
                         chunk += CsvLine(row);
                         if (chunk.size() >= 64 * 1024) flush();
                         return open && !context->IsCancelled();
                       });
    if (!read.ok()) return read;
    if (open && !chunk.empty()) flush();
    return absl::OkStatus();
  });
}

}  // namespace engage::profile::sync
