#ifndef ENGAGE_PROFILE_SVC_PROFILE_STORE_H_
#define ENGAGE_PROFILE_SVC_PROFILE_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "profile_svc/rules/profile_model.h"

namespace engage::profile {

// What profile_svc's rules need from storage. Every call is scoped to one
// tenant; nothing crosses tenants. NOT_FOUND covers "exists in another tenant".
class ProfileStore {
 public:
  virtual ~ProfileStore() = default;

  virtual absl::StatusOr<Company> UpsertCompany(const std::string& tenant, const std::string& name,
                                                absl::Time now) = 0;
  // Creates the User, its empty User Detail and its staff profile in one
  // transaction. Replaying the same request (same request_hash) returns the
  // first result; another request under its request_id is ALREADY_EXISTS.
  virtual absl::StatusOr<CreatedUser> CreateFieldUser(const std::string& tenant,
                                                      const NewFieldUser& user,
                                                      const std::string& user_id,
                                                      const std::string& profile_id,
                                                      absl::Time now) = 0;
  virtual absl::StatusOr<CardSource> GetCardSource(const std::string& tenant,
                                                   const std::string& profile_id) = 0;
  virtual absl::StatusOr<ProfileOwner> GetOwner(const std::string& tenant,
                                                const std::string& profile_id) = 0;
  // The owners of those of `profile_ids` that exist, in one query.
  virtual absl::StatusOr<std::vector<ProfileOwner>> GetOwners(
      const std::string& tenant, const std::vector<std::string>& profile_ids) = 0;

  // Creates the HCP profile of `hcp.subject` and appends it to the sign-up
  // feed, in one transaction. An HCP who already signed up gets their profile
  // back (created = false); a subject holding a staff profile is refused.
  virtual absl::StatusOr<SignUpResult> SignUpHcp(const std::string& tenant, const NewHcp& hcp,
                                                 const std::string& profile_id, absl::Time now) = 0;
  // Card sources of the tenant with a profile id above `after`, in id order;
  // only staff cards when `staff_only` (SEC-03: what an HCP lists).
  virtual absl::StatusOr<std::vector<CardSource>> ListCardSources(const std::string& tenant,
                                                                  const std::string& after,
                                                                  int limit, bool staff_only) = 0;
  // The profile id of `subject` in the tenant; NOT_FOUND when it has none.
  virtual absl::StatusOr<std::string> ProfileIdOfSubject(const std::string& tenant,
                                                         const std::string& subject) = 0;
  // Applies `edit` in one transaction after `check` approved it against the
  // locked profile; a stale etag is FAILED_PRECONDITION. Bumps the version.
  using EditCheck = std::function<absl::Status(const EditTarget&)>;
  virtual absl::Status UpdateProfile(const std::string& tenant, const std::string& profile_id,
                                     const ProfileEdit& edit, const EditCheck& check,
                                     absl::Time now) = 0;
  // PRF-11: tombstones the HCP profile owned by `subject`, clears its fields
  // and appends it to the removals feed. Deleting twice is a no-op.
  virtual absl::Status DeleteHcpProfile(const std::string& tenant, const std::string& profile_id,
                                        const std::string& subject, absl::Time now) = 0;
  // PRF-12: `losing` becomes a tombstone naming `winning`; `winning` is untouched.
  virtual absl::Status MergeProfiles(const std::string& tenant, const std::string& losing,
                                     const std::string& winning, absl::Time now) = 0;
  // Entries of `feed` with a sequence above `after`, in sequence order.
  virtual absl::StatusOr<std::vector<FeedEntry>> ReadFeed(const std::string& tenant, Feed feed,
                                                          int64_t after, int limit) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_STORE_H_
