#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_CRM_STORE_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_CRM_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "profile_svc/crm_sync/rules/sync_model.h"
#include "profile_svc/crm_sync/unit_of_work.h"

namespace engage::profile::sync {

// The CRM side of an org, as the sync and the CRM's own users see it: its
// integration user and its Engage_Profile_vod / Engage_Connection_vod
// records. The local implementation keeps them in tables; a client of a real
// CRM's API could take its place.
class CrmStore {
 public:
  virtual ~CrmStore() = default;

  // OK when `username` / `password` sign in to the org; UNAUTHENTICATED
  // (wrong or inactive) or NOT_FOUND (no such user) otherwise. The CRM keeps
  // only a hash of the password, as a verifier does.
  virtual absl::Status SignIn(const std::string& tenant, const std::string& org_id,
                              const std::string& username, const std::string& password) = 0;
  virtual absl::Status ProvisionIntegrationUser(const std::string& tenant,
                                                const std::string& org_id,
                                                const std::string& username,
                                                const std::string& password, bool active) = 0;

  // Creates or updates each record; a batch is written whole or not at all
  // (UNAVAILABLE etc.), and a record the CRM refuses is reported in its result.
  // The batch is part of `work` (SyncStore::Atomically): the local CRM commits
  // it with the sync's log of it.
  virtual absl::StatusOr<std::vector<WriteResult>> UpsertProfiles(
      UnitOfWork& work, const std::string& tenant, const std::string& org_id,
      const std::vector<ProfileWrite>& batch, absl::Time now) = 0;
  // SYN-05: a connection record's To_Engage_Profile_vod is resolved to the
  // record id of the org's Engage_Profile_vod record with that
  // VExternal_ID_vod; without one the record is refused (and retried, SYN-10).
  virtual absl::StatusOr<std::vector<WriteResult>> UpsertConnections(
      UnitOfWork& work, const std::string& tenant, const std::string& org_id,
      const std::vector<ConnectionWrite>& batch, absl::Time now) = 0;
  // Sync-owned profile records changed in the CRM since the sync last wrote
  // them (SYN-11): the next sync writes them again.
  virtual absl::StatusOr<std::vector<std::string>> TouchedOutsideSync(
      const std::string& tenant, const std::string& org_id) = 0;

  struct StoredProfile {
    ProfileRecord record;
    std::string record_id;  // the record's id in the org (SYN-05)
    bool created_by_sync = false;
    std::string photo_content_type;  // of record.photo_url: the sync's (SYN-11)
    // A photo attached by hand with another content type: never written by the sync.
    std::string manual_photo_url;
    std::string manual_photo_content_type;
  };
  virtual absl::StatusOr<std::vector<StoredProfile>> ListProfiles(const std::string& tenant,
                                                                  const std::string& org_id,
                                                                  const std::string& after_id,
                                                                  int limit) = 0;
  virtual absl::StatusOr<std::vector<ConnectionRecord>> ListConnections(const std::string& tenant,
                                                                        const std::string& org_id,
                                                                        const std::string& after_id,
                                                                        int limit) = 0;
  // A manual edit: FAILED_PRECONDITION for a record the sync created (SYN-11).
  virtual absl::StatusOr<StoredProfile> EditTitle(const std::string& tenant,
                                                  const std::string& org_id,
                                                  const std::string& external_id,
                                                  const std::string& title, absl::Time now) = 0;
  // SYN-11: a photo of the reserved content type takes the sync's place (and
  // the next sync, incremental too, overwrites it); one of another content
  // type is kept beside it, and no sync writes it.
  virtual absl::StatusOr<StoredProfile> AttachPhoto(
      const std::string& tenant, const std::string& org_id, const std::string& external_id,
      const std::string& photo_url, const std::string& content_type, absl::Time now) = 0;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_CRM_STORE_H_
