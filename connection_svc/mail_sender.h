#ifndef ENGAGE_CONNECTION_SVC_MAIL_SENDER_H_
#define ENGAGE_CONNECTION_SVC_MAIL_SENDER_H_

#include <string>

#include "absl/status/status.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// Hands one rendered, checked e-mail (CON-13) to a mail server. OK means the
// server accepted it; any error is retried by the mail outbox. `message_id`
// (the left part of the Message-ID, letters, digits, '.' and '-') is stable
// across retries, so a receiver can drop a repeat of a message whose
// acceptance was lost on the way back.
class MailSender {
 public:
  virtual ~MailSender() = default;
  virtual absl::Status Send(const OutgoingMail& mail, const std::string& message_id) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MAIL_SENDER_H_
