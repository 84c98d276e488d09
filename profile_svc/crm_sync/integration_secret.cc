#include "profile_svc/crm_sync/integration_secret.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/errors.h"

namespace engage::profile::sync {

std::string IntegrationSecretContext(const std::string& tenant, const std::string& org_id) {
  // Tenants never hold '\n' (SEC-13 claim form), so the pair is unambiguous.
  return absl::StrCat("engage/integration-user\n", tenant, "\n", org_id);
}

absl::StatusOr<std::string> SealIntegrationPassword(const crypto::SecretBox& box,
                                                    const std::string& tenant,
                                                    const std::string& org_id,
                                                    const std::string& password) {
  if (!box.configured()) {
    return WithReason(absl::FailedPreconditionError(
                          "SEC-10: this deployment has no secret key (ENGAGE_SECRET_KEY), so the "
                          "integration user's password cannot be stored"),
                      "SEC-10");
  }
  return box.Seal(password, IntegrationSecretContext(tenant, org_id));
}

absl::Status SignInAsIntegrationUser(SyncStore& store, CrmStore& crm, const crypto::SecretBox& box,
                                     const std::string& tenant, const std::string& org_id,
                                     const Settings& settings) {
  if (settings.integration_username.empty()) {
    return absl::FailedPreconditionError("the integration user is not configured");
  }
  if (settings.integration_secret_sealed.empty()) {
    return absl::FailedPreconditionError(
        "the integration user's password must be set again (SEC-10: passwords are now stored "
        "encrypted)");
  }
  const std::string context = IntegrationSecretContext(tenant, org_id);
  auto password = box.Open(settings.integration_secret_sealed, context);
  if (!password.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "SEC-10: the stored password cannot be decrypted: ", password.status().message()));
  }
  absl::Status signed_in = crm.SignIn(tenant, org_id, settings.integration_username, *password);
  if (signed_in.ok() && !box.SealedWithCurrentKey(settings.integration_secret_sealed)) {
    auto resealed = box.Seal(*password, context);
    absl::Status saved = resealed.ok()
                             ? store.ReplaceIntegrationSecret(
                                   tenant, org_id, settings.integration_secret_sealed, *resealed)
                             : resealed.status();
    if (!saved.ok()) {
      log::Warn("could not re-seal the integration password with the current key",
                {{"tenant", tenant}, {"org_id", org_id}, {"error", saved.ToString()}});
    }
  }
  return signed_in;
}

}  // namespace engage::profile::sync
