#ifndef ENGAGE_PROFILE_SVC_GROUP_STORE_H_
#define ENGAGE_PROFILE_SVC_GROUP_STORE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/idempotency/request_key.h"
#include "profile_svc/rules/company_rules.h"

namespace engage::profile {

// An Engage Connect Group: a name and medications. Branding is company-wide
// (PRF-06), so a group holds no colours.
struct GroupData {
  std::string group_id;
  std::string name;
  std::vector<std::string> medications;
};

// What an admin changes of a group; unset: unchanged.
struct GroupChange {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> medications;
};

struct GroupMemberData {
  std::string user_id;
  std::string profile_id;
  std::string first_name;
  std::string last_name;
  std::string email;
};

// Groups and their members (PRF-06..08), one tenant per call. Members' cards
// read the group's medications as they are now (PRF-07), so every change here
// shows on the next card read; the members' profiles' update_time moves with
// it.
class GroupStore {
 public:
  virtual ~GroupStore() = default;

  // Unless override_medications, the medications are copied from the company
  // defaults. A replayed request (same key and fingerprint) returns the first
  // group; another request under the key, or a name in use, is ALREADY_EXISTS.
  virtual absl::StatusOr<GroupData> CreateGroup(const std::string& tenant,
                                                const idempotency::RequestKey& key, GroupData group,
                                                bool override_medications, absl::Time now) = 0;
  virtual absl::StatusOr<std::vector<GroupData>> ListGroups(const std::string& tenant,
                                                            const std::string& after,
                                                            int limit) = 0;
  // NOT_FOUND for an unknown group; ALREADY_EXISTS for a name in use.
  virtual absl::StatusOr<GroupData> UpdateGroup(const std::string& tenant,
                                                const std::string& group_id,
                                                const GroupChange& change, absl::Time now) = 0;
  // Deletes the group; its members fall back to no group in the same
  // transaction. Returns how many were members.
  virtual absl::StatusOr<int> DeleteGroup(const std::string& tenant, const std::string& group_id,
                                          absl::Time now) = 0;
  // Members with a user id above `after`, in id order; NOT_FOUND for an
  // unknown group.
  virtual absl::StatusOr<std::vector<GroupMemberData>> ListMembers(const std::string& tenant,
                                                                   const std::string& group_id,
                                                                   const std::string& after,
                                                                   int limit) = 0;
  // PRF-06 / PRF-08, checked with `check` against the locked user.
  virtual absl::Status AddGroupMember(
      const std::string& tenant, const std::string& group_id, const std::string& user_id,
      const std::function<absl::Status(const MemberCandidate&)>& check, absl::Time now) = 0;
  virtual absl::Status RemoveGroupMember(const std::string& tenant, const std::string& user_id,
                                         absl::Time now) = 0;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_GROUP_STORE_H_
