#include "connection_svc/mail_dispatcher.h"

#include "absl/strings/str_cat.h"
#include "connection_svc/mysql_invite_mails.h"

namespace engage::connection {

MailDispatcher::MailDispatcher(outbox::Store& mails, MailSender& sender, const Clock& clock,
                               outbox::RetryPolicy policy, absl::Duration poll_interval)
    : sender_(sender),
      outbox_(
          mails, [this](const outbox::Message& m) { return Attempt(m); }, clock,
          outbox::Dispatcher::Options{policy, 100, nullptr, outbox::kDefaultTenantBudget,
                                      poll_interval}) {}

absl::StatusOr<outbox::Outcome> MailDispatcher::Attempt(const outbox::Message& m) {
  const absl::Status sent = sender_.Send(MailOf(m), absl::StrCat("invite.", m.tenant, ".", m.id));
  if (sent.ok()) return outbox::Outcome::Sent();
  return outbox::Outcome::Retry(std::string(sent.message()));
}

}  // namespace engage::connection
