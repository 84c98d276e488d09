#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_CRM_SYNC_SERVICE_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_CRM_SYNC_SERVICE_H_

#include "common/crypto/secret_box.h"
#include "common/server/gatekeeper.h"
#include "common/server/unary_method.h"
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

  ENGAGE_UNARY_METHOD(SetIntegrationUser);
  ENGAGE_UNARY_METHOD(ValidateIntegrationUser);
  ENGAGE_UNARY_METHOD(SetSyncSchedule);
  ENGAGE_UNARY_METHOD(StartSync);
  ENGAGE_UNARY_METHOD(GetSyncJob);
  ENGAGE_SERVER_STREAM_METHOD(WatchSyncJob);
  ENGAGE_UNARY_METHOD(ListSyncJobs);
  ENGAGE_SERVER_STREAM_METHOD(DownloadSyncLog);

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

  ENGAGE_UNARY_METHOD(ProvisionCrmIntegrationUser);
  ENGAGE_UNARY_METHOD(ListCrmProfiles);
  ENGAGE_UNARY_METHOD(ListCrmConnections);
  ENGAGE_UNARY_METHOD(EditCrmProfile);
  ENGAGE_UNARY_METHOD(AttachCrmProfilePhoto);

 private:
  SyncStore& store_;
  CrmStore& crm_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_CRM_SYNC_SERVICE_H_
