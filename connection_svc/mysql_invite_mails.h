#ifndef ENGAGE_CONNECTION_SVC_MYSQL_INVITE_MAILS_H_
#define ENGAGE_CONNECTION_SVC_MYSQL_INVITE_MAILS_H_

#include <string>
#include <vector>

#include "common/mysql/pool.h"
#include "common/outbox/mysql_outbox_store.h"
#include "connection_svc/mail_outbox.h"

namespace engage::connection {

// The outbox of invite e-mails on common/outbox: table invite_mails
// (migration 0035, the outbox's own shape), message id = order key = invite
// id (e-mails do not wait for each other); payload to_address, to_name,
// from_name, subject, body.
const outbox::OutboxTable& InviteMailsTable();

// Queues `mail` of invite `invite_id` in the caller's transaction `s` (the one
// that inserts the invite), pending and due at `now`.
absl::Status QueueInviteMail(mysql::Session& s, const std::string& tenant,
                             const std::string& invite_id, const OutgoingMail& mail,
                             absl::Time now);

// The e-mail a claimed message holds.
OutgoingMail MailOf(const outbox::Message& m);

class MysqlInviteMails final : public MailOutbox {
 public:
  explicit MysqlInviteMails(mysql::Pool& pool, absl::Duration lease = outbox::kDefaultLease)
      : store_(pool, InviteMailsTable(), lease) {}

  // For MailDispatcher.
  outbox::MysqlOutboxStore& store() { return store_; }

  absl::StatusOr<MailDelivery> DeliveryOf(const std::string& tenant,
                                          const std::string& invite_id) override;

 private:
  outbox::MysqlOutboxStore store_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MYSQL_INVITE_MAILS_H_
