#include "connection_svc/post_processing.h"

#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/status/status_macros.h"
#include "connection_svc/rules/invite_rules.h"
#include "connection_svc/rules/profile_checks.h"

namespace engage::connection {
namespace {

constexpr int kBatch = 200;

void Keep(absl::Status& first, const absl::Status& st) {
  if (first.ok() && !st.ok()) first = st;
}

}  // namespace

absl::StatusOr<PostProcessor::Outcome> PostProcessor::RunForTenant(const std::string& tenant,
                                                                   const AuditActor& actor) {
  Outcome outcome;
  if (stopping_) {
    outcome.stopped = true;
    return outcome;
  }
  const absl::Time start = clock_.Now();
  Run run{tenant, ids_.Next(), start};
  ASSIGN_OR_RETURN(bool claimed, job_store_.StartJob(tenant, run.holder, start, start + lease_));
  if (!claimed) return outcome;
  outcome.ran = true;
  absl::Status st = Work(run, actor, outcome);
  // Ends only this run's own lease: one that lapsed and was taken over stays
  // with the run that took it.
  auto finished = job_store_.FinishJob(tenant, run.holder, clock_.Now());
  Keep(st, finished.status());
  if (run.stopped) {
    outcome.stopped = true;
    return outcome;
  }
  if (!st.ok()) return st;
  return outcome;
}

absl::Status PostProcessor::Checkpoint(Run& run, bool item) {
  if (item && !run.working) {
    // Once per run that has work (most timer runs have none): names the
    // lease holder in the post_processing row, so an operator (and the fault
    // suite) can tell which replica holds a tenant's job.
    run.working = true;
    log::Info("post-processing run under way", {{"tenant", run.tenant}, {"run", run.holder}});
  }
  if (stopping_) {
    run.stopped = true;
    return absl::CancelledError("post-processing stopped at a safe point");
  }
  const absl::Time now = clock_.Now();
  if (now - run.renewed < renew_every_) return absl::OkStatus();
  ASSIGN_OR_RETURN(bool held, job_store_.RenewJob(run.tenant, run.holder, now + lease_));
  if (!held) {
    run.lost = true;
    return absl::AbortedError(
        absl::StrCat("CON-08: the post-processing lease of tenant ", run.tenant,
                     " lapsed and another run took the job; this run stopped"));
  }
  run.renewed = now;
  return absl::OkStatus();
}

absl::Status PostProcessor::Work(Run& run, const AuditActor& actor, Outcome& outcome) {
  const std::string& tenant = run.tenant;
  // A failure here (profile_svc unreachable) does not stop the connection
  // work: the guard in the store still refuses profiles already recorded as
  // removed, and the next run resumes the feed at the saved cursor.
  absl::Status first = ApplyRemovals(run, actor, outcome);
  if (run.stopped || run.lost) return first;
  auto count = [&](const absl::StatusOr<ConnectResult>& r) {
    if (!r.ok()) {
      Keep(first, r.status());
      return;
    }
    if (!r->refusal.ok()) ++outcome.refused;
    if (r->change != ChangeKind::kNone) ++outcome.connected;
    RecordConnectionChange(audit_, tenant, actor, *r, clock_.Now());
  };
  // Signed-in attendees (CON-06). Each resolution marks its row done, so the
  // next batch starts after it.
  for (;;) {
    ASSIGN_OR_RETURN(auto pending, interactions_.PendingWithProfile(tenant, kBatch));
    for (const auto& i : pending) {
      RETURN_IF_ERROR(Checkpoint(run));
      count(
          interactions_.ResolveInteraction(tenant, i, i.hcp_profile_id, ids_.Next(), clock_.Now()));
    }
    if (!first.ok() || static_cast<int>(pending.size()) < kBatch) break;
  }

  // Sign-ups since the last run (CON-07). Resolutions are idempotent, so a
  // run that stops before saving its cursor only repeats harmless work.
  ASSIGN_OR_RETURN(auto cursor, job_store_.SignUpCursor(tenant));
  std::string after = cursor;
  for (;;) {
    RETURN_IF_ERROR(Checkpoint(run, /*item=*/false));
    auto page = profiles_.ListSignUps(tenant, after, kBatch);
    if (!page.ok()) {
      Keep(first, page.status());
      break;
    }
    for (const auto& s : *page) {
      after = s.cursor;
      // SEC-07: profile_svc's feed carries only token-verified e-mails; one
      // without an e-mail matches nothing (never the rows known by '').
      if (s.email.empty()) continue;
      ASSIGN_OR_RETURN(auto waiting,
                       interactions_.PendingForEmail(tenant, NormalizeEmail(s.email)));
      for (const auto& i : waiting) {
        RETURN_IF_ERROR(Checkpoint(run));
        count(interactions_.ResolveInteraction(tenant, i, s.profile_id, ids_.Next(), clock_.Now()));
      }
    }
    if (after != cursor) Keep(first, job_store_.SaveSignUpCursor(tenant, after));
    if (static_cast<int>(page->size()) < kBatch) break;
  }

  // Account links that failed when the invite was accepted (CON-05).
  ASSIGN_OR_RETURN(auto links, invites_.InvitesToLink(tenant, kBatch));
  for (const auto& invite : links) {
    RETURN_IF_ERROR(Checkpoint(run));
    Keep(first, LinkAccount(tenant, invite));
  }
  return first;
}

absl::Status PostProcessor::ApplyRemovals(Run& run, const AuditActor& actor, Outcome& outcome) {
  const std::string& tenant = run.tenant;
  ASSIGN_OR_RETURN(auto cursor, job_store_.RemovalCursor(tenant));
  std::string after = cursor;
  for (;;) {
    ASSIGN_OR_RETURN(auto page, profiles_.ListRemovals(tenant, after, kBatch));
    for (const auto& removal : page) {
      RETURN_IF_ERROR(Checkpoint(run));
      // Each removal and the cursor after it commit together.
      const absl::Time now = clock_.Now();
      ASSIGN_OR_RETURN(auto done, job_store_.ApplyRemoval(tenant, removal, now));
      outcome.deactivated += static_cast<int>(done.deactivated.size());
      for (const auto& c : done.deactivated) {
        RecordConnectionChange(audit_, tenant, actor, {c, ChangeKind::kDeactivated, {}}, now);
      }
      for (const auto& id : done.revoked_invite_ids) {
        audit_.Record(InviteEvent(tenant, actor, "INVITE_REVOKE", id, now));
      }
      after = removal.cursor;
    }
    if (static_cast<int>(page.size()) < kBatch) return absl::OkStatus();
  }
}

absl::Status PostProcessor::RunPending() {
  // SEC-11: every tenant with work gets its turn, page after page of tenant
  // ids; one tenant's failure is logged and kept, never the end of the pass.
  constexpr int kTenantsPerPage = 1000;
  absl::Status first;
  std::string after;
  while (true) {
    auto tenants = job_store_.TenantsWithPendingWork(after, kTenantsPerPage);
    if (!tenants.ok()) {
      Keep(first, tenants.status());
      return first;
    }
    for (const auto& tenant : *tenants) {
      if (stopping_) return first;
      auto outcome = RunForTenant(tenant);
      if (!outcome.ok()) {
        log::Warn("post-processing run failed",
                  {{"tenant", tenant}, {"error", outcome.status().ToString()}});
        Keep(first, outcome.status());
      }
    }
    if (static_cast<int>(tenants->size()) < kTenantsPerPage) return first;
    after = tenants->back();
  }
}

absl::Status PostProcessor::LinkAccount(const std::string& tenant, const Invite& invite) {
  // SEC-08 holds at the link, not only at the invite's creation: an inviter
  // moved to another org since (or removed) no longer links an account of the
  // old one.
  auto inviter = profiles_.GetOwner(tenant, invite.inviter_profile_id);
  if (!inviter.ok() && !absl::IsNotFound(inviter.status())) return inviter.status();
  absl::Status may_link = !inviter.ok() ? inviter.status()
                          : inviter->deleted
                              ? absl::NotFoundError("the inviter's profile was removed")
                              : CheckInviteOrg(inviter->org_id, invite.org_id);
  absl::StatusOr<std::string> linked =
      may_link.ok()
          ? profiles_.LinkToAccount(tenant, invite.hcp_profile_id, invite.org_id, invite.account_id)
          : absl::StatusOr<std::string>(may_link);
  const bool permanent = absl::IsNotFound(linked.status()) ||
                         absl::IsFailedPrecondition(linked.status()) ||
                         absl::IsPermissionDenied(linked.status());
  if (!linked.ok() && !permanent) return linked.status();
  if (!linked.ok()) {
    // The profile, org or account is gone: no retry will ever link, so stop.
    log::Warn("invite account link dropped", {{"tenant", tenant},
                                              {"invite_id", invite.invite_id},
                                              {"error", linked.status().ToString()}});
  }
  return invites_.MarkInviteLinked(tenant, invite.invite_id);
}

}  // namespace engage::connection
