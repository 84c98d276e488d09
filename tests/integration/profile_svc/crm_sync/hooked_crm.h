#ifndef ENGAGE_TESTS_INTEGRATION_PROFILE_SVC_CRM_SYNC_HOOKED_CRM_H_
#define ENGAGE_TESTS_INTEGRATION_PROFILE_SVC_CRM_SYNC_HOOKED_CRM_H_

#include <functional>
#include <string>
#include <vector>

#include "profile_svc/crm_sync/crm_store.h"

namespace engage::profile::sync {

// The local CRM, with a hook run before each profile batch (with the batch's
// number, from 0): the moment a test makes something happen mid-run.
class HookedCrm final : public CrmStore {
 public:
  HookedCrm(CrmStore& real, std::function<void(int)> before_batch)
      : real_(real), before_batch_(std::move(before_batch)) {}
  absl::Status SignIn(const std::string& t, const std::string& o, const std::string& u,
                      const std::string& h) override {
    return real_.SignIn(t, o, u, h);
  }
  absl::Status ProvisionIntegrationUser(const std::string& t, const std::string& o,
                                        const std::string& u, const std::string& h,
                                        bool a) override {
    return real_.ProvisionIntegrationUser(t, o, u, h, a);
  }
  absl::StatusOr<std::vector<WriteResult>> UpsertProfiles(UnitOfWork& w, const std::string& t,
                                                          const std::string& o,
                                                          const std::vector<ProfileWrite>& b,
                                                          absl::Time now) override {
    before_batch_(batches_++);
    return real_.UpsertProfiles(w, t, o, b, now);
  }
  absl::StatusOr<std::vector<WriteResult>> UpsertConnections(UnitOfWork& w, const std::string& t,
                                                             const std::string& o,
                                                             const std::vector<ConnectionWrite>& b,
                                                             absl::Time now) override {
    return real_.UpsertConnections(w, t, o, b, now);
  }
  absl::StatusOr<std::vector<std::string>> TouchedOutsideSync(const std::string& t,
                                                              const std::string& o) override {
    return real_.TouchedOutsideSync(t, o);
  }
  absl::StatusOr<std::vector<StoredProfile>> ListProfiles(const std::string& t,
                                                          const std::string& o,
                                                          const std::string& a, int l) override {
    return real_.ListProfiles(t, o, a, l);
  }
  absl::StatusOr<std::vector<ConnectionRecord>> ListConnections(const std::string& t,
                                                                const std::string& o,
                                                                const std::string& a,
                                                                int l) override {
    return real_.ListConnections(t, o, a, l);
  }
  absl::StatusOr<StoredProfile> EditTitle(const std::string& t, const std::string& o,
                                          const std::string& id, const std::string& title,
                                          absl::Time now) override {
    return real_.EditTitle(t, o, id, title, now);
  }
  absl::StatusOr<StoredProfile> AttachPhoto(const std::string& t, const std::string& o,
                                            const std::string& id, const std::string& url,
                                            const std::string& type, absl::Time now) override {
    return real_.AttachPhoto(t, o, id, url, type, now);
  }

 private:
  CrmStore& real_;
  std::function<void(int)> before_batch_;
  int batches_ = 0;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_TESTS_INTEGRATION_PROFILE_SVC_CRM_SYNC_HOOKED_CRM_H_
