#ifndef ENGAGE_PROFILE_SVC_MYSQL_GROUP_STORE_H_
#define ENGAGE_PROFILE_SVC_MYSQL_GROUP_STORE_H_

#include "common/mysql/pool.h"
#include "profile_svc/group_store.h"

namespace engage::profile {

// GroupStore over engage_groups and group_members.
class MysqlGroupStore final : public GroupStore {
 public:
  explicit MysqlGroupStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<GroupData> CreateGroup(const std::string& tenant,
                                        const idempotency::RequestKey& key, GroupData group,
                                        bool override_medications, absl::Time now) override;
  absl::StatusOr<std::vector<GroupData>> ListGroups(const std::string& tenant,
                                                    const std::string& after, int limit) override;
  absl::StatusOr<GroupData> UpdateGroup(const std::string& tenant, const std::string& group_id,
                                        const GroupChange& change, absl::Time now) override;
  absl::StatusOr<int> DeleteGroup(const std::string& tenant, const std::string& group_id,
                                  absl::Time now) override;
  absl::StatusOr<std::vector<GroupMemberData>> ListMembers(const std::string& tenant,
                                                           const std::string& group_id,
                                                           const std::string& after,
                                                           int limit) override;
  absl::Status AddGroupMember(const std::string& tenant, const std::string& group_id,
                              const std::string& user_id,
                              const std::function<absl::Status(const MemberCandidate&)>& check,
                              absl::Time now) override;
  absl::Status RemoveGroupMember(const std::string& tenant, const std::string& user_id,
                                 absl::Time now) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_GROUP_STORE_H_
