#ifndef ENGAGE_CONNECTION_SVC_MAIL_OUTBOX_H_
#define ENGAGE_CONNECTION_SVC_MAIL_OUTBOX_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/rules/connection_model.h"
#include "connection_svc/rules/mail_rules.h"

namespace engage::connection {

// One queued e-mail of an invite, as the dispatcher claims it.
struct QueuedMail {
  std::string tenant;
  std::string invite_id;
  int attempts = 0;  // failed attempts so far
  OutgoingMail mail;
};

// What an attempt leaves: sent, or not (with the error and, from
// AfterFailure, whether it waits for another attempt or is given up).
struct MailAttempt {
  bool sent = false;
  std::string error;
  MailRetry retry;
};

// The outbox of invite e-mails (CON-13), queued in the invite's transaction
// (QueueInviteMail) and sent by MailDispatcher. One tenant per call.
class MailOutbox {
 public:
  virtual ~MailOutbox() = default;
  enum class Processed { kSent, kFailed, kSkipped };

  virtual absl::StatusOr<std::vector<std::string>> TenantsWithPending() = 0;
  // Invite ids of pending e-mails due at `now`, oldest first.
  virtual absl::StatusOr<std::vector<std::string>> Due(const std::string& tenant, absl::Time now,
                                                       int limit) = 0;
  // Claims the e-mail of `invite_id` (skipped when another dispatcher holds
  // it, or it is no longer pending and due), runs `attempt` and records what
  // it returns in the same transaction: a crash before the commit leaves it
  // pending, and exactly one dispatcher records each attempt.
  virtual absl::StatusOr<Processed> Process(
      const std::string& tenant, const std::string& invite_id, absl::Time now,
      const std::function<MailAttempt(const QueuedMail&)>& attempt) = 0;
  // The delivery state of the invite's e-mail (state kNone when it has none).
  virtual absl::StatusOr<MailDelivery> DeliveryOf(const std::string& tenant,
                                                  const std::string& invite_id) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_MAIL_OUTBOX_H_
