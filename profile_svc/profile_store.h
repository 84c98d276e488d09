#ifndef ENGAGE_PROFILE_SVC_PROFILE_STORE_H_
#define ENGAGE_PROFILE_SVC_PROFILE_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "profile_svc/profile_model.h"

namespace engage::profile {

// What profile_svc's rules need from storage. Every call is scoped to one
// tenant; nothing crosses tenants. NOT_FOUND covers "exists in another tenant".
class ProfileStore {
 public:
  virtual ~ProfileStore() = default;

  virtual absl::StatusOr<Company> UpsertCompany(const std::string& tenant, const std::string& name,
                                                absl::Time now) = 0;
  // Creates the User, its empty User Detail and its staff profile in one
  // transaction. Replaying the same request_id returns the first result.
  virtual absl::StatusOr<CreatedUser> CreateFieldUser(const std::string& tenant,
                                                      const NewFieldUser& user,
                                                      const std::string& user_id,
                                                      const std::string& profile_id,
                                                      absl::Time now) = 0;
  virtual absl::StatusOr<CardSource> GetCardSource(const std::string& tenant,
                                                   const std::string& profile_id) = 0;
  virtual absl::StatusOr<ProfileOwner> GetOwner(const std::string& tenant,
                                                const std::string& profile_id) = 0;

  // Creates the HCP profile of `hcp.subject` and appends it to the sign-up
  // feed, in one transaction. An HCP who already signed up gets their profile
  // back (created = false); a subject holding a staff profile is refused.
  virtual absl::StatusOr<SignUpResult> SignUpHcp(const std::string& tenant, const NewHcp& hcp,
                                                 const std::string& profile_id,
                                                 absl::Time now) = 0;
  // Entries of `feed` with a sequence above `after`, in sequence order.
  virtual absl::StatusOr<std::vector<FeedEntry>> ReadFeed(const std::string& tenant, Feed feed,
                                                          int64_t after, int limit) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_STORE_H_
