#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_INTEGRATION_SECRET_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_INTEGRATION_SECRET_H_

#include <string>

#include "absl/status/statusor.h"
#include "common/crypto/secret_box.h"
#include "profile_svc/crm_sync/crm_store.h"
#include "profile_svc/crm_sync/rules/sync_model.h"
#include "profile_svc/crm_sync/sync_store.h"

namespace engage::profile::sync {

// SEC-10: an org's integration user's password is kept sealed (AES-256-GCM)
// with its tenant and org as associated data, and opened only here, where the
// sync (or an admin's validation) signs in to the CRM.

// The associated data of an org's sealed password: a sealed value copied to
// another tenant's or org's row does not open.
std::string IntegrationSecretContext(const std::string& tenant, const std::string& org_id);

// Seals `password` for the org; FAILED_PRECONDITION (reason SEC-10) when the
// service has no secret key.
absl::StatusOr<std::string> SealIntegrationPassword(const crypto::SecretBox& box,
                                                    const std::string& tenant,
                                                    const std::string& org_id,
                                                    const std::string& password);

// Opens the org's sealed password and signs in to the CRM with it. A value
// sealed with the previous key is re-sealed with the current one after a
// successful sign-in, so a key rotation completes with each org's next sync.
// FAILED_PRECONDITION when the user is not configured, was configured before
// passwords were sealed (migration 0014), or its key is not configured; the
// CRM's answer otherwise. No message carries the password.
absl::Status SignInAsIntegrationUser(SyncStore& store, CrmStore& crm, const crypto::SecretBox& box,
                                     const std::string& tenant, const std::string& org_id,
                                     const Settings& settings);

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_INTEGRATION_SECRET_H_
