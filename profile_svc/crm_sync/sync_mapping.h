#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_MAPPING_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_MAPPING_H_

#include "engage/profile/v1/crm_sync.pb.h"
#include "profile_svc/crm_sync/crm_store.h"
#include "profile_svc/crm_sync/rules/sync_model.h"

namespace engage::profile::sync {

// Domain <-> proto for the sync's messages.
void ToProto(const Job& run, v1::SyncJob* out);
void ToProto(const CrmStore::StoredProfile& profile, v1::CrmProfile* out);
void ToProto(const ConnectionRecord& connection, v1::CrmConnection* out);

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_SYNC_MAPPING_H_
