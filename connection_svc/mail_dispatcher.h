#ifndef ENGAGE_CONNECTION_SVC_MAIL_DISPATCHER_H_
#define ENGAGE_CONNECTION_SVC_MAIL_DISPATCHER_H_

#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/time/clock.h"
#include "common/time/periodic_task.h"
#include "connection_svc/mail_outbox.h"
#include "connection_svc/mail_sender.h"
#include "connection_svc/rules/mail_rules.h"

namespace engage::connection {

// Sends the queued e-mails of invites (CON-13): every due one through the
// MailSender, recording each attempt in the transaction that claims it. A
// failed attempt waits AfterFailure's backoff; after the policy's last
// attempt the e-mail is FAILED with its last error. Several dispatchers
// (replicas) may run at once: claims skip rows another holds.
//
// The smallest form of promomats_svc's dispatcher, kept until the generic
// one of common/outbox lands (invite_mails already has its table shape).
class MailDispatcher {
 public:
  struct Result {
    int sent = 0;
    int failed = 0;  // attempts that failed (retried or given up)
  };

  MailDispatcher(MailOutbox& outbox, MailSender& sender, const Clock& clock, MailRetryPolicy policy)
      : outbox_(outbox), sender_(sender), clock_(clock), policy_(policy) {}
  ~MailDispatcher() { Stop(); }
  MailDispatcher(const MailDispatcher&) = delete;
  MailDispatcher& operator=(const MailDispatcher&) = delete;

  // Sends what is due for one tenant now, until nothing more is.
  absl::StatusOr<Result> RunOnce(const std::string& tenant);
  // RunOnce for every tenant with pending e-mails; one tenant's error is
  // logged, never the end of the others' turn (SEC-11).
  absl::StatusOr<Result> RunAll();

  // Runs RunAll every `interval` on a thread of its own until Stop.
  void Start(absl::Duration interval);
  // Waits for a run under way to end.
  void Stop();

  // One attempt at `mail`: sent, or the error and what follows it.
  MailAttempt Attempt(const QueuedMail& mail);

 private:
  MailOutbox& outbox_;
  MailSender& sender_;
  const Clock& clock_;
  const MailRetryPolicy policy_;
  std::mutex mu_;  // guards runs_
  std::unique_ptr<PeriodicTask> runs_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MAIL_DISPATCHER_H_
