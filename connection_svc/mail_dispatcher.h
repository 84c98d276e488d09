#ifndef ENGAGE_CONNECTION_SVC_MAIL_DISPATCHER_H_
#define ENGAGE_CONNECTION_SVC_MAIL_DISPATCHER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/outbox/dispatcher.h"
#include "common/outbox/outbox.h"
#include "common/time/clock.h"
#include "connection_svc/mail_sender.h"

namespace engage::connection {

// Sends the queued e-mails of invites (CON-13) through the MailSender on
// common/outbox's Dispatcher over invite_mails (mysql_invite_mails.h): each
// attempt recorded in the transaction that claims it, a failed attempt
// retried after the policy's backoff, FAILED with its last error after the
// policy's last attempt, claims safe across replicas, gauges
// engage_outbox_messages{outbox="invite_mails"}.
class MailDispatcher {
 public:
  using Result = outbox::Dispatcher::Result;

  MailDispatcher(outbox::Store& mails, MailSender& sender, const Clock& clock,
                 outbox::RetryPolicy policy,
                 absl::Duration poll_interval = outbox::kDefaultPollInterval);

  // One attempt at the e-mail `m` holds: sent, or retried with the server's
  // error. Delivery is at least once: the Message-ID is the same on every
  // attempt (a crash between the server's acceptance and the commit sends
  // it again).
  absl::StatusOr<outbox::Outcome> Attempt(const outbox::Message& m);

  absl::StatusOr<Result> RunOnce(const std::string& tenant) { return outbox_.RunOnce(tenant); }
  absl::StatusOr<Result> RunAll() { return outbox_.RunAll(); }
  void Start(absl::Duration interval) { outbox_.Start(interval); }
  void Stop() { outbox_.Stop(); }

 private:
  MailSender& sender_;
  outbox::Dispatcher outbox_;  // last: its thread uses sender_
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MAIL_DISPATCHER_H_
