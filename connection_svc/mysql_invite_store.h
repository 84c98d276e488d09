#ifndef ENGAGE_CONNECTION_SVC_MYSQL_INVITE_STORE_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_INVITE_STORE_H_

#include "common/mysql/pool.h"
#include "connection_svc/invite_store.h"

namespace engage::connection {

// InviteStore over the shared MySQL schema (tables invites (an accept connects: connections and the
// change feed), invite_mails for the e-mail of an invite).
class MysqlInviteStore final : public InviteStore {
 public:
  explicit MysqlInviteStore(mysql::Pool& pool) : pool_(pool) {}

  absl::Status CreateInvite(const std::string& tenant, const Invite& invite,
                            const std::string& token_hash, const OutgoingMail* mail,
                            const InviteMailQuota& quota) override;
  absl::StatusOr<Invite> GetInvite(const std::string& tenant,
                                   const std::string& invite_id) override;
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

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_INVITE_STORE_H_
