#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_CRM_SYNC_SERVICE_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_CRM_SYNC_SERVICE_H_

#include "common/crypto/secret_box.h"
#include "common/server/gatekeeper.h"
#include "common/time/clock.h"
#include "common/work/stream_slots.h"
#include "engage/profile/v1/crm_sync.grpc.pb.h"
#include "profile_svc/crm_sync/crm_store.h"
#include "profile_svc/crm_sync/sync_runner.h"
#include "profile_svc/crm_sync/sync_store.h"

namespace engage::profile::sync {

// Validates an integration user's org, username and password, as both the
// Engage side (SetIntegrationUser) and the CRM side (Provision...) take them.
absl::Status CheckIntegrationUser(const std::string& org_id, const std::string& username,
                                  const std::string& password);

// gRPC handlers of engage.profile.v1.CrmSyncService (the sync as admins
// drive it) and CrmOrgService (the CRM side, as the CRM's own users see it).
class CrmSyncServiceImpl final : public engage::profile::v1::CrmSyncService::Service {
 public:
  // `secrets` seals the integration user's password (SEC-10).
  CrmSyncServiceImpl(SyncStore& store, CrmStore& crm, SyncRunner& runner,
                     const server::Gatekeeper& gate, const Clock& clock,
                     const crypto::SecretBox& secrets)
      : store_(store), crm_(crm), runner_(runner), gate_(gate), clock_(clock), secrets_(secrets) {}

  grpc::Status SetIntegrationUser(grpc::ServerContext* context,
                                  const v1::SetIntegrationUserRequest* request,
                                  v1::SetIntegrationUserResponse* response) override;
  grpc::Status ValidateIntegrationUser(grpc::ServerContext* context,
                                       const v1::ValidateIntegrationUserRequest* request,
                                       v1::ValidateIntegrationUserResponse* response) override;
  grpc::Status SetSyncSchedule(grpc::ServerContext* context,
                               const v1::SetSyncScheduleRequest* request,
                               v1::SetSyncScheduleResponse* response) override;
  grpc::Status StartSync(grpc::ServerContext* context, const v1::StartSyncRequest* request,
                         v1::StartSyncResponse* response) override;
  grpc::Status GetSyncJob(grpc::ServerContext* context, const v1::GetSyncJobRequest* request,
                          v1::GetSyncJobResponse* response) override;
  grpc::Status WatchSyncJob(grpc::ServerContext* context, const v1::WatchSyncJobRequest* request,
                            grpc::ServerWriter<v1::WatchSyncJobResponse>* writer) override;
  grpc::Status ListSyncJobs(grpc::ServerContext* context, const v1::ListSyncJobsRequest* request,
                            v1::ListSyncJobsResponse* response) override;
  grpc::Status DownloadSyncLog(grpc::ServerContext* context,
                               const v1::DownloadSyncLogRequest* request,
                               grpc::ServerWriter<v1::DownloadSyncLogResponse>* writer) override;

 private:
  SyncStore& store_;
  CrmStore& crm_;
  SyncRunner& runner_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
  // WatchSyncJob and DownloadSyncLog each hold a server thread while open:
  // 4 per caller, 16 per tenant, 64 per replica (SEC-11).
  work::StreamSlots streams_{4, 16, 64};
  const crypto::SecretBox& secrets_;
};

class CrmOrgServiceImpl final : public engage::profile::v1::CrmOrgService::Service {
 public:
  CrmOrgServiceImpl(SyncStore& store, CrmStore& crm, const server::Gatekeeper& gate,
                    const Clock& clock)
      : store_(store), crm_(crm), gate_(gate), clock_(clock) {}

  grpc::Status ProvisionCrmIntegrationUser(
      grpc::ServerContext* context, const v1::ProvisionCrmIntegrationUserRequest* request,
      v1::ProvisionCrmIntegrationUserResponse* response) override;
  grpc::Status ListCrmProfiles(grpc::ServerContext* context,
                               const v1::ListCrmProfilesRequest* request,
                               v1::ListCrmProfilesResponse* response) override;
  grpc::Status ListCrmConnections(grpc::ServerContext* context,
                                  const v1::ListCrmConnectionsRequest* request,
                                  v1::ListCrmConnectionsResponse* response) override;
  grpc::Status EditCrmProfile(grpc::ServerContext* context,
                              const v1::EditCrmProfileRequest* request,
                              v1::EditCrmProfileResponse* response) override;
  grpc::Status AttachCrmProfilePhoto(grpc::ServerContext* context,
                                     const v1::AttachCrmProfilePhotoRequest* request,
                                     v1::AttachCrmProfilePhotoResponse* response) override;

 private:
  SyncStore& store_;
  CrmStore& crm_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_CRM_SYNC_SERVICE_H_
