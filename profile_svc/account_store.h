#ifndef ENGAGE_PROFILE_SVC_ACCOUNT_STORE_H_
#define ENGAGE_PROFILE_SVC_ACCOUNT_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "profile_svc/rules/profile_model.h"

namespace engage::profile {

// Storage of CRM orgs, the links of HCP profiles to CRM accounts (PRF-09) and
// account merge history (PRF-10). Scoped to one tenant per call.
class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // ALREADY_EXISTS when the org id is taken in the tenant.
  virtual absl::StatusOr<Org> CreateOrg(const std::string& tenant, const Org& org,
                                        absl::Time now) = 0;
  virtual absl::StatusOr<Org> GetOrg(const std::string& tenant, const std::string& org_id) = 0;
  // Orgs with an id above `after_org_id`, ordered by id.
  virtual absl::StatusOr<std::vector<Org>> ListOrgs(const std::string& tenant,
                                                    const std::string& after_org_id, int limit) = 0;
  // Links an HCP profile to the account `account_id` resolves to (PRF-10),
  // replacing its earlier link in that org. Returns the account linked.
  virtual absl::StatusOr<std::string> LinkProfile(const std::string& tenant,
                                                  const std::string& profile_id,
                                                  const std::string& org_id,
                                                  const std::string& account_id,
                                                  absl::Time now) = 0;
  // NOT_FOUND when the profile has no link in that org.
  virtual absl::Status UnlinkProfile(const std::string& tenant, const std::string& profile_id,
                                     const std::string& org_id, absl::Time now) = 0;
  // PRF-10: records losing -> winning (both resolved first; a merge into its
  // own chain is refused) and moves the loser's links to the winner. Returns
  // the resolved winner.
  virtual absl::StatusOr<std::string> RecordMerge(const std::string& tenant,
                                                  const std::string& org_id,
                                                  const std::string& losing,
                                                  const std::string& winning, absl::Time now) = 0;
  struct Indicator {
    std::string account_id;
    // profile id, display name, deleted
    struct Entry {
      std::string profile_id;
      std::string display_name;
      bool deleted = false;
    };
    std::vector<Entry> profiles;
  };
  // PRF-09: the profiles linked to the account `account_id` resolves to.
  virtual absl::StatusOr<Indicator> GetIndicator(const std::string& tenant,
                                                 const std::string& org_id,
                                                 const std::string& account_id) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_ACCOUNT_STORE_H_
