#ifndef ENGAGE_CONNECTION_SVC_POST_PROCESSING_H_
#define ENGAGE_CONNECTION_SVC_POST_PROCESSING_H_

#include <atomic>
#include <string>

#include "absl/status/statusor.h"
#include "common/audit/audit_trail.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "connection_svc/connection_audit.h"
#include "connection_svc/interaction_store.h"
#include "connection_svc/invite_store.h"
#include "connection_svc/post_processing_store.h"
#include "connection_svc/profile_directory.h"

namespace engage::connection {

// The post-processing job (CON-08): turns recorded meeting attendance of
// signed-in HCPs into connections (CON-06), connects attendees and viewers
// known only by email when profile_svc reports their sign-up (CON-07), and
// retries account links of accepted invites that could not be made at once
// (CON-05). First of all it reads profile_svc's removals feed after the
// tenant's saved cursor and deactivates the connections of every deleted or
// merged-away profile (PRF-11, PRF-12), so the steps after it never connect a
// profile already known to be removed, and revokes the removed profile's open
// invites (SEC-09). Only interactions reported with the HCP's consent connect
// (SEC-05), never one that would reactivate a connection the HCP ended after
// it was reported (SEC-06): those are closed unconnected and counted as
// refused. Every change goes to the audit trail (SEC-12). One run per tenant
// at a time across every replica: the run claims the tenant's state row (a
// lease in its own name, renewed as it goes), which other services read to
// know it runs. Each item commits on its own, so a run may stop between two
// items (shutdown, or a lease it no longer holds) and the next run resumes.
class PostProcessor {
 public:
  struct Outcome {
    bool ran = false;      // false: another run held the tenant
    int connected = 0;     // connections made or reactivated
    int deactivated = 0;   // connections of removed profiles deactivated
    int refused = 0;       // interactions closed unconnected by SEC-05 or SEC-06
    bool stopped = false;  // RequestStop ended the run at a safe point
  };

  PostProcessor(PostProcessingStore& job_store, InteractionStore& interactions,
                InviteStore& invites, ProfileDirectory& profiles, const Clock& clock,
                IdGenerator& ids, audit::AuditTrail& audit, absl::Duration lease = kLease)
      : job_store_(job_store),
        interactions_(interactions),
        invites_(invites),
        profiles_(profiles),
        clock_(clock),
        ids_(ids),
        audit_(audit),
        lease_(lease),
        renew_every_(lease / 3) {}

  // One run for `tenant`, its changes audited as `actor`'s. The state returns
  // to idle whatever happens; the first failure (e.g. profile_svc
  // unreachable) is returned after the work that could be done was done.
  absl::StatusOr<Outcome> RunForTenant(const std::string& tenant,
                                       const AuditActor& actor = JobActor());
  // The timer's pass: a run for every tenant with pending work.
  absl::Status RunPending();

  // Shutdown's first step: a run in progress stops before its next item,
  // releasing its lease, and no run starts after it; the next run (on any
  // replica) resumes from the saved cursors and pending rows.
  void RequestStop() { stopping_ = true; }

  // Links the accepting HCP to the invite's account (CON-05) and records it.
  absl::Status LinkAccount(const std::string& tenant, const Invite& invite);

  // How long a run holds a tenant without renewing before another replica
  // may take over: what a killed runner costs the CRM sync, which waits for
  // post-processing (SYN-07). A live run renews every third of it. The
  // default; ENGAGE_POST_PROCESSING_LEASE_SECONDS sets another (the fault
  // suite's kill -9 test uses a few seconds).
  static constexpr absl::Duration kLease = absl::Minutes(1);

 private:
  // One run's hold on its tenant.
  struct Run {
    std::string tenant;
    std::string holder;
    absl::Time renewed;
    bool stopped = false;  // asked to stop
    bool lost = false;     // the lease lapsed and another run took it
    bool working = false;  // reached its first item (logged once)
  };
  // Before each item: OK to go on; CANCELLED when asked to stop; ABORTED when
  // the lease was lost to another run (then nothing more may be written).
  // `item`: before a change (the run's first is logged), not a page read.
  absl::Status Checkpoint(Run& run, bool item = true);
  absl::Status Work(Run& run, const AuditActor& actor, Outcome& outcome);
  // PRF-11, PRF-12: applies the removals after the tenant's cursor.
  absl::Status ApplyRemovals(Run& run, const AuditActor& actor, Outcome& outcome);

  PostProcessingStore& job_store_;
  InteractionStore& interactions_;
  InviteStore& invites_;
  ProfileDirectory& profiles_;
  const Clock& clock_;
  IdGenerator& ids_;
  audit::AuditTrail& audit_;
  const absl::Duration lease_;
  const absl::Duration renew_every_;
  std::atomic<bool> stopping_{false};
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_POST_PROCESSING_H_
