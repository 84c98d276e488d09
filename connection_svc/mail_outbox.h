#ifndef ENGAGE_CONNECTION_SVC_MAIL_OUTBOX_H_
#define ENGAGE_CONNECTION_SVC_MAIL_OUTBOX_H_

#include <string>

#include "absl/status/statusor.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// What the invite handlers read of the outbox of invite e-mails (CON-13):
// queued in the invite's transaction (QueueInviteMail), sent by
// MailDispatcher on common/outbox.
class MailOutbox {
 public:
  virtual ~MailOutbox() = default;
  // The delivery state of the invite's e-mail (state kNone when it has none).
  virtual absl::StatusOr<MailDelivery> DeliveryOf(const std::string& tenant,
                                                  const std::string& invite_id) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MAIL_OUTBOX_H_
