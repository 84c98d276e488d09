#include "connection_svc/mail_dispatcher.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"

namespace engage::connection {

namespace {
// Bounds one run: a run ends when a pass sends nothing.
constexpr int kMaxPasses = 100;
constexpr int kBatch = 100;
}  // namespace

MailAttempt MailDispatcher::Attempt(const QueuedMail& queued) {
  // The same Message-ID on every attempt: delivery is at least once (a
  // crash between the server's acceptance and the commit sends it again).
  const absl::Status sent =
      sender_.Send(queued.mail, absl::StrCat("invite.", queued.tenant, ".", queued.invite_id));
  MailAttempt out;
  if (sent.ok()) {
    out.sent = true;
    return out;
  }
  out.error = std::string(sent.message());
  out.retry = AfterFailure(policy_, queued.attempts + 1, clock_.Now());
  return out;
}

absl::StatusOr<MailDispatcher::Result> MailDispatcher::RunOnce(const std::string& tenant) {
  Result result;
  for (int pass = 0; pass < kMaxPasses; ++pass) {
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(auto due, outbox_.Due(tenant, now, kBatch));
    if (due.empty()) break;
    bool progress = false;
    for (const auto& invite_id : due) {
      ASSIGN_OR_RETURN(
          auto processed,
          outbox_.Process(tenant, invite_id, now, [&](const QueuedMail& m) { return Attempt(m); }));
      if (processed == MailOutbox::Processed::kSent) {
        ++result.sent;
        progress = true;
      } else if (processed == MailOutbox::Processed::kFailed) {
        ++result.failed;
      }
    }
    if (!progress) break;
  }
  return result;
}

absl::StatusOr<MailDispatcher::Result> MailDispatcher::RunAll() {
  ASSIGN_OR_RETURN(auto tenants, outbox_.TenantsWithPending());
  Result total;
  for (const auto& tenant : tenants) {
    auto r = RunOnce(tenant);
    if (!r.ok()) {
      log::Warn("invite e-mails of a tenant not sent",
                {{"tenant", tenant}, {"error", r.status().ToString()}});
      continue;
    }
    total.sent += r->sent;
    total.failed += r->failed;
  }
  return total;
}

void MailDispatcher::Start(absl::Duration interval) {
  std::lock_guard<std::mutex> lock(mu_);
  if (runs_ != nullptr) return;
  runs_ = std::make_unique<PeriodicTask>(
      interval,
      [this] {
        auto r = RunAll();
        if (!r.ok()) log::Warn("invite e-mail run failed", {{"error", r.status().ToString()}});
      },
      /*run_now=*/true);
}

void MailDispatcher::Stop() {
  std::unique_ptr<PeriodicTask> runs;
  {
    std::lock_guard<std::mutex> lock(mu_);
    runs = std::move(runs_);
  }
  runs.reset();  // outside mu_: waits for a run in progress
}

}  // namespace engage::connection
