#include "promomats_svc/rules/notification_rules.h"

#include "absl/strings/str_cat.h"

namespace engage::promomats {

namespace {

std::string AfterFailures(int failed_before) {
  if (failed_before <= 0) return "";
  return absl::StrCat(" after ", failed_before,
                      failed_before == 1 ? " failed attempt" : " failed attempts");
}

std::string WhatWasDelivered(const DeliveryAttempt& a) {
  return a.action == DeliveryAction::kPublish
             ? absl::StrCat("delivery of version ", a.version, " of \"", a.document_name,
                            "\" to CRM vault ", a.target_vault_id)
             : absl::StrCat("withdrawal of \"", a.document_name, "\" from CRM vault ",
                            a.target_vault_id);
}

}  // namespace

std::optional<NotificationPlan> NotificationFor(const DeliveryAttempt& a) {
  if (a.succeeded) {
    const std::string after = AfterFailures(a.failed_before);
    switch (a.outcome) {
      case ApplyOutcome::kCreated:
      case ApplyOutcome::kUpversioned:
        return NotificationPlan{
            NotificationKind::kPublished,
            absl::StrCat("version ", a.version, " of \"", a.document_name,
                         "\" was published to CRM vault ", a.target_vault_id,
                         a.outcome == ApplyOutcome::kCreated ? " (CrossLink created)"
                                                             : " (CrossLink up-versioned)",
                         after),
            "done"};
      case ApplyOutcome::kWithdrawn:
        return NotificationPlan{
            NotificationKind::kWithdrawn,
            absl::StrCat("\"", a.document_name, "\" was withdrawn from CRM vault ",
                         a.target_vault_id, after),
            "done"};
      case ApplyOutcome::kNothing:
        // Nothing to tell, unless the owner was told it failed.
        if (a.failed_before == 0) return std::nullopt;
        return NotificationPlan{
            NotificationKind::kRecovered,
            absl::StrCat(WhatWasDelivered(a), " succeeded", after, "; the CRM needed no change"),
            "done"};
    }
    return std::nullopt;
  }
  const int failed = a.failed_before + 1;
  if (a.last_attempt) {
    return NotificationPlan{
        NotificationKind::kGivenUp,
        absl::StrCat(WhatWasDelivered(a), " was given up after ", failed,
                     failed == 1 ? " failed attempt: " : " failed attempts: ", a.error),
        "given-up"};
  }
  if (a.failed_before == 0) {
    return NotificationPlan{
        NotificationKind::kFailed,
        absl::StrCat(WhatWasDelivered(a), " failed and will be retried: ", a.error), "failed"};
  }
  return std::nullopt;
}

}  // namespace engage::promomats
