#ifndef ENGAGE_PROMOMATS_SVC_RULES_NOTIFICATION_RULES_H_
#define ENGAGE_PROMOMATS_SVC_RULES_NOTIFICATION_RULES_H_

#include <cstdint>
#include <optional>
#include <string>

#include "promomats_svc/rules/pmx_model.h"

namespace engage::promomats {

// One attempt at delivering a change to a CRM vault, as PMX-13 sees it.
struct DeliveryAttempt {
  DeliveryAction action = DeliveryAction::kPublish;
  std::string document_name;
  std::string target_vault_id;
  int64_t version = 0;
  int failed_before = 0;  // failed attempts of this delivery before this one
  bool succeeded = false;
  ApplyOutcome outcome = ApplyOutcome::kNothing;  // when succeeded
  std::string error;                              // when not
  bool last_attempt = false;                      // a failure now gives the delivery up
};

// What the owner is told about an attempt. `key` names the notification
// within its delivery ("done", "failed", "given-up"): a delivery yields at
// most one of each, so a replayed attempt (a crash after the notification,
// before the outbox recorded the attempt) notifies nothing twice.
struct NotificationPlan {
  NotificationKind kind = NotificationKind::kUnspecified;
  std::string message;
  std::string key;
};

// PMX-13: every publish and withdrawal notifies; the first failure notifies
// (retries that fail again do not: the owner already knows, and the outbox's
// failing gauge counts them); a delivery that succeeds after failures says so,
// also when the CRM needed no change (RECOVERED), so a FAILED notification is
// always followed by how it ended; giving a delivery up notifies (GIVEN_UP).
std::optional<NotificationPlan> NotificationFor(const DeliveryAttempt& attempt);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_RULES_NOTIFICATION_RULES_H_
