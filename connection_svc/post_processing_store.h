#ifndef ENGAGE_CONNECTION_SVC_POST_PROCESSING_STORE_H_
#define ENGAGE_CONNECTION_SVC_POST_PROCESSING_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// The post-processing job's own state per tenant (CON-08): its lease, its
// cursors in profile_svc's sign-ups and removals feeds, the removals it
// applies (PRF-11, PRF-12, SEC-09) and the tenants it has work for.
class PostProcessingStore {
 public:
  virtual ~PostProcessingStore() = default;

  // Claims the tenant's post-processing job for the run `holder` until
  // `lease_until` when it is idle (or its lease lapsed); false when another
  // run holds it (CON-08).
  virtual absl::StatusOr<bool> StartJob(const std::string& tenant, const std::string& holder,
                                        absl::Time now, absl::Time lease_until) = 0;
  // Extends `holder`'s lease to `lease_until`; false when the lease is no
  // longer its own (it lapsed and another run took the job).
  virtual absl::StatusOr<bool> RenewJob(const std::string& tenant, const std::string& holder,
                                        absl::Time lease_until) = 0;
  // Marks the job idle if `holder` still holds it; false when another run
  // took it over (which then stays running).
  virtual absl::StatusOr<bool> FinishJob(const std::string& tenant, const std::string& holder,
                                         absl::Time now) = 0;
  virtual absl::StatusOr<JobState> GetJobState(const std::string& tenant, absl::Time now) = 0;
  virtual absl::StatusOr<std::string> SignUpCursor(const std::string& tenant) = 0;
  virtual absl::Status SaveSignUpCursor(const std::string& tenant, const std::string& cursor) = 0;
  // The last entry of profile_svc's removals feed already applied (empty: none).
  virtual absl::StatusOr<std::string> RemovalCursor(const std::string& tenant) = 0;
  // Applies one removal (PRF-11, PRF-12) in one transaction: records the
  // profile as removed (it connects no more), deactivates every active
  // connection where it is either side (same row, inactivation time `now`, a
  // feed entry each: CON-09, CON-11), revokes the open invites it created
  // (SEC-09) and saves `removal.cursor` as the tenant's removal cursor.
  virtual absl::StatusOr<RemovalResult> ApplyRemoval(const std::string& tenant,
                                                     const ProfileRemoval& removal,
                                                     absl::Time now) = 0;
  // Tenants with pending interactions or account links, and tenants that ever
  // had a connection (whose connections a removal may deactivate): the
  // timer's work list: the first `limit` after `after_tenant` in id order
  // (empty: from the start), so the timer pages through all of them.
  virtual absl::StatusOr<std::vector<std::string>> TenantsWithPendingWork(
      const std::string& after_tenant, int limit) = 0;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_POST_PROCESSING_STORE_H_
