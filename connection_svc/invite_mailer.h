#ifndef ENGAGE_CONNECTION_SVC_INVITE_MAILER_H_
#define ENGAGE_CONNECTION_SVC_INVITE_MAILER_H_

#include <string>

#include "absl/status/statusor.h"
#include "connection_svc/mail_outbox.h"
#include "connection_svc/mail_sources.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// What a new e-mail invite needs to be sent (CON-13).
struct InviteMailRequest {
  std::string recipient_email;
  std::string recipient_name;
  std::string template_name;
  std::string link;
};

// The e-mail of APPROVED_EMAIL invites (CON-13): composes it from the
// approved e-mail template in the inviter's CRM org when the invite is made
// (the invite store queues it in the invite's transaction; MailDispatcher
// sends it), and tells the inviter its delivery state.
class InviteMailer {
 public:
  InviteMailer(MailSources& sources, MailOutbox& outbox) : sources_(sources), outbox_(outbox) {}

  // The e-mail, rendered and every header value checked. FAILED_PRECONDITION
  // (reason CON-13) when no approved e-mail template reached the inviter's
  // org (or the inviter is in none); INVALID_ARGUMENT naming the field
  // (recipient_name, inviter_name, subject) that would break a header.
  // `authorization` is the caller's (the inviter's) own header, to read
  // their card's name.
  absl::StatusOr<OutgoingMail> Compose(const std::string& tenant, const std::string& authorization,
                                       const ProfileOwner& inviter,
                                       const InviteMailRequest& request);

  // The delivery state of an invite's e-mail (kNone when it has none).
  absl::StatusOr<MailDelivery> DeliveryOf(const std::string& tenant, const std::string& invite_id);

 private:
  MailSources& sources_;
  MailOutbox& outbox_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_INVITE_MAILER_H_
