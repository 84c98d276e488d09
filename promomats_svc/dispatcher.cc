#include "promomats_svc/dispatcher.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"
#include "promomats_svc/rules/routing_rules.h"

namespace engage::promomats {

namespace {
// Bounds one run: a run ends when a pass delivers nothing new.
constexpr int kMaxPasses = 1000;
constexpr int kBatch = 100;
}  // namespace

DeliveryRecord Dispatcher::Deliver(const Delivery& d) {
  absl::StatusOr<ApplyOutcome> outcome =
      d.action == DeliveryAction::kPublish
          ? target_.CrossLink(d.tenant, d.target_vault_id, d.change_id, d.seq, d.payload)
          : target_.Withdraw(d.tenant, d.target_vault_id, d.change_id, d.seq, d.document_id);
  DeliveryRecord rec;
  Notification& n = rec.notification;
  n.owner = d.owner;
  n.document_id = d.document_id;
  n.version = d.seq;
  n.crm_vault_id = d.target_vault_id;
  if (outcome.ok()) {
    rec.delivered = true;
    switch (*outcome) {
      case ApplyOutcome::kCreated:
      case ApplyOutcome::kUpversioned:
        rec.notify = true;
        n.kind = NotificationKind::kPublished;
        n.message = absl::StrCat("version ", d.seq, " of \"", d.payload.name,
                                 "\" was published to CRM vault ", d.target_vault_id,
                                 *outcome == ApplyOutcome::kCreated ? " (CrossLink created)"
                                                                    : " (CrossLink up-versioned)");
        break;
      case ApplyOutcome::kWithdrawn:
        rec.notify = true;
        n.kind = NotificationKind::kWithdrawn;
        n.message = absl::StrCat("\"", d.payload.name, "\" was withdrawn from CRM vault ",
                                 d.target_vault_id);
        break;
      case ApplyOutcome::kNothing:
        break;
    }
  } else {
    rec.error = outcome.status().ToString();
    rec.next_attempt = clock_.Now() + Backoff(d.attempts + 1);
    // The owner hears of the first failure; retries go on without more noise.
    if (d.attempts == 0) {
      rec.notify = true;
      n.kind = NotificationKind::kFailed;
      n.message = absl::StrCat("delivery of version ", d.seq, " of \"", d.payload.name,
                               "\" to CRM vault ", d.target_vault_id,
                               " failed and will be retried: ", outcome.status().message());
    }
  }
  if (rec.notify) n.notification_id = ids_.Next();
  return rec;
}

absl::StatusOr<Dispatcher::Result> Dispatcher::RunOnce(const std::string& tenant) {
  Result result;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(auto due, outbox_.Due(tenant, now, kBatch));
    if (due.empty()) break;
    bool progress = false;
    for (const auto& key : due) {
      auto processed =
          outbox_.Process(tenant, key, now, [&](const Delivery& d) { return Deliver(d); });
      if (!processed.ok()) return processed.status();
      if (*processed == OutboxStore::Processed::kDelivered) {
        ++result.delivered;
        progress = true;
      } else if (*processed == OutboxStore::Processed::kFailed) {
        ++result.failed;
      }
    }
    if (!progress) break;
  }
  return result;
}

absl::StatusOr<Dispatcher::Result> Dispatcher::RunAll() {
  ASSIGN_OR_RETURN(auto tenants, outbox_.TenantsWithPending());
  Result total;
  // SEC-11: every tenant with pending work gets its turn (each at most
  // kMaxPasses batches per run), and one tenant's failure is logged and
  // counted, never the end of the others' turn.
  for (const auto& tenant : tenants) {
    auto r = RunOnce(tenant);
    if (!r.ok()) {
      ++total.tenants_failed;
      log::Warn("dispatcher run of a tenant failed",
                {{"tenant", tenant}, {"error", r.status().ToString()}});
      continue;
    }
    total.delivered += r->delivered;
    total.failed += r->failed;
  }
  return total;
}

void Dispatcher::Start(absl::Duration interval) {
  std::lock_guard<std::mutex> lock(mu_);
  if (runs_ != nullptr) return;
  runs_ = std::make_unique<PeriodicTask>(
      interval,
      [this] {
        auto r = RunAll();
        if (!r.ok()) log::Warn("dispatcher run failed", {{"error", r.status().ToString()}});
      },
      /*run_now=*/true);
}

void Dispatcher::Stop() {
  std::unique_ptr<PeriodicTask> runs;
  {
    std::lock_guard<std::mutex> lock(mu_);
    runs = std::move(runs_);
  }
  runs.reset();  // outside mu_: waits for a run in progress
}

}  // namespace engage::promomats
