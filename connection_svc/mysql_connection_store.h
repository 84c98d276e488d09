#ifndef ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_STORE_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_STORE_H_

#include "common/mysql/pool.h"
#include "connection_svc/connection_store.h"

namespace engage::connection {

// ConnectionStore over the shared MySQL schema (tables connections, invites,
// interactions, post_processing, connection_feed_counters, connection_changes,
// removed_profiles).
class MysqlConnectionStore final : public ConnectionStore {
 public:
  explicit MysqlConnectionStore(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<ConnectionPage> ListForProfile(const std::string& tenant,
                                                const std::string& profile_id,
                                                const std::string& after_id, int limit) override;
  absl::StatusOr<Connection> GetConnection(const std::string& tenant,
                                           const std::string& connection_id) override;
  absl::StatusOr<ConnectResult> Connect(const std::string& tenant,
                                        const std::string& field_user_profile_id,
                                        const std::string& hcp_profile_id, Origin origin,
                                        const ConnectAct& act, const std::string& new_id,
                                        absl::Time now) override;
  absl::StatusOr<ConnectResult> Disconnect(const std::string& tenant,
                                           const std::string& connection_id, EndedBy ended_by,
                                           absl::Time now) override;
  absl::StatusOr<std::vector<ProfileStatus>> StatusesFor(
      const std::string& tenant, const std::string& field_user_profile_id,
      const std::vector<std::string>& hcp_profile_ids) override;

  absl::Status CreateInvite(const std::string& tenant, const Invite& invite,
                            const std::string& token_hash) override;
  absl::StatusOr<Invite> FindInvite(const std::string& tenant,
                                    const std::string& token_hash) override;
  absl::StatusOr<AcceptResult> AcceptInvite(
      const std::string& tenant, const std::string& token_hash, const std::string& hcp_profile_id,
      const InviteCheck& check, const std::string& new_connection_id, absl::Time now) override;
  absl::StatusOr<Invite> CloseInvite(const std::string& tenant, const std::string& invite_id,
                                     const std::string& token_hash, InviteState state,
                                     const InviteCheck& check, absl::Time now) override;
  absl::StatusOr<std::vector<Invite>> InvitesToLink(const std::string& tenant, int limit) override;
  absl::Status MarkInviteLinked(const std::string& tenant, const std::string& invite_id) override;

  absl::StatusOr<int> RecordInteractions(const std::string& tenant,
                                         const std::vector<Interaction>& interactions) override;
  absl::StatusOr<std::vector<Interaction>> PendingWithProfile(const std::string& tenant,
                                                              int limit) override;
  absl::StatusOr<std::vector<Interaction>> PendingForEmail(const std::string& tenant,
                                                           const std::string& email) override;
  absl::StatusOr<ConnectResult> ResolveInteraction(const std::string& tenant,
                                                   const Interaction& interaction,
                                                   const std::string& hcp_profile_id,
                                                   const std::string& new_connection_id,
                                                   absl::Time now) override;

  absl::StatusOr<bool> StartJob(const std::string& tenant, absl::Time now,
                                absl::Time lease_until) override;
  absl::Status FinishJob(const std::string& tenant, absl::Time now) override;
  absl::StatusOr<JobState> GetJobState(const std::string& tenant, absl::Time now) override;
  absl::StatusOr<std::string> SignUpCursor(const std::string& tenant) override;
  absl::Status SaveSignUpCursor(const std::string& tenant, const std::string& cursor) override;
  absl::StatusOr<std::string> RemovalCursor(const std::string& tenant) override;
  absl::StatusOr<RemovalResult> ApplyRemoval(const std::string& tenant,
                                             const ProfileRemoval& removal,
                                             absl::Time now) override;
  absl::StatusOr<std::vector<std::string>> TenantsWithPendingWork(const std::string& after_tenant,
                                                                  int limit) override;

  absl::StatusOr<std::vector<Change>> ReadFeed(const std::string& tenant, int64_t after,
                                               int limit) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_CONNECTION_STORE_H_
