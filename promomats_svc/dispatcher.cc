#include "promomats_svc/dispatcher.h"

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"
#include "promomats_svc/pmx_deliveries.h"
#include "promomats_svc/rules/notification_rules.h"

namespace engage::promomats {

outbox::RetryPolicy Dispatcher::DefaultRetry() {
  outbox::RetryPolicy p;
  p.first = absl::Seconds(1);
  p.max = absl::Minutes(5);
  p.max_attempts = 0;
  return p;
}

Dispatcher::Dispatcher(outbox::Store& deliveries, TargetVault& target, NotificationSink& notes,
                       const Clock& clock, IdGenerator& ids, outbox::RetryPolicy retry,
                       absl::Duration poll_interval)
    : target_(target),
      notes_(notes),
      clock_(clock),
      ids_(ids),
      outbox_(
          deliveries, [this](const outbox::Message& m) { return Deliver(m); }, clock,
          outbox::Dispatcher::Options{retry, 100, nullptr, outbox::kDefaultTenantBudget,
                                      poll_interval}) {}

absl::StatusOr<outbox::Outcome> Dispatcher::Deliver(const outbox::Message& m) {
  ASSIGN_OR_RETURN(const Delivery d, DeliveryOf(m));
  absl::StatusOr<ApplyOutcome> applied =
      d.action == DeliveryAction::kPublish
          ? target_.CrossLink(d.tenant, d.target_vault_id, d.change_id, d.seq, d.payload)
          : target_.Withdraw(d.tenant, d.target_vault_id, d.change_id, d.seq, d.document_id);
  DeliveryAttempt attempt;
  attempt.action = d.action;
  attempt.document_name = d.payload.name;
  attempt.target_vault_id = d.target_vault_id;
  attempt.version = d.seq;
  attempt.failed_before = m.attempts;
  attempt.succeeded = applied.ok();
  if (applied.ok()) {
    attempt.outcome = *applied;
  } else {
    attempt.error = std::string(applied.status().message());
  }
  attempt.last_attempt = m.last_attempt;
  if (auto plan = NotificationFor(attempt); plan.has_value()) {
    Notification n;
    n.notification_id = ids_.Next();
    n.owner = d.owner;
    n.document_id = d.document_id;
    n.version = d.seq;
    n.crm_vault_id = d.target_vault_id;
    n.kind = plan->kind;
    n.message = plan->message;
    // An error here records nothing: the attempt is made again next run.
    RETURN_IF_ERROR(notes_.Notify(d.tenant, absl::StrCat(m.id, ".", plan->key), n, clock_.Now()));
  }
  if (!applied.ok()) return outbox::Outcome::Retry(applied.status().ToString());
  return outbox::Outcome::Sent();
}

}  // namespace engage::promomats
