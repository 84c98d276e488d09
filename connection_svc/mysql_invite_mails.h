#ifndef ENGAGE_CONNECTION_SVC_MYSQL_INVITE_MAILS_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_INVITE_MAILS_H_

#include <string>
#include <vector>

#include "common/mysql/pool.h"
#include "connection_svc/mail_outbox.h"

namespace engage::connection {

// Queues `mail` of invite `invite_id` in the caller's transaction `s` (the one
// that inserts the invite), pending and due at `now`.
absl::Status QueueInviteMail(mysql::Session& s, const std::string& tenant,
                             const std::string& invite_id, const OutgoingMail& mail,
                             absl::Time now);

// MailOutbox over table invite_mails (migration 0035). The table has the
// shape of the generic outbox being built in common/outbox (message id = key
// = invite id; state 0 pending, 1 sent, 2 failed), so that dispatcher can
// take it over without a migration.
class MysqlInviteMails final : public MailOutbox {
 public:
  explicit MysqlInviteMails(mysql::Pool& pool) : pool_(pool) {}

  absl::StatusOr<std::vector<std::string>> TenantsWithPending() override;
  absl::StatusOr<std::vector<std::string>> Due(const std::string& tenant, absl::Time now,
                                               int limit) override;
  absl::StatusOr<Processed> Process(
      const std::string& tenant, const std::string& invite_id, absl::Time now,
      const std::function<MailAttempt(const QueuedMail&)>& attempt) override;
  absl::StatusOr<MailDelivery> DeliveryOf(const std::string& tenant,
                                          const std::string& invite_id) override;

 private:
  mysql::Pool& pool_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_INVITE_MAILS_H_
