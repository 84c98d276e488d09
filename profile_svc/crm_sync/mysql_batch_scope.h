#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_BATCH_SCOPE_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_BATCH_SCOPE_H_

#include <functional>

#include "absl/status/status.h"
#include "common/mysql/pool.h"

namespace engage::profile::sync {

// One transaction for everything a batch of the sync writes. The local CRM
// lives in the same database as the sync's bookkeeping, so the CRM upsert,
// the log lines, the failure counts, the run's progress and the check that
// the run still holds its org's lock commit together or not at all (SYN-12):
// a crash between two transactions can no longer leave CRM records written
// without their log lines. The stores keep their own interfaces; each of
// their writes runs through InTransaction, which joins the batch's
// transaction when the calling thread has opened one with InBatch.

// Runs `fn` in the batch transaction this thread opened on `pool`, or else in
// a transaction of its own.
absl::Status InTransaction(mysql::Pool& pool,
                           const std::function<absl::Status(mysql::Session&)>& fn);

// Opens a transaction on `pool` and runs `fn` in it; commits when `fn` returns
// OK. A deadlock re-runs the whole of `fn` (see Pool::Transaction), so `fn`
// must not keep effects of an attempt that rolled back.
absl::Status InBatch(mysql::Pool& pool, const std::function<absl::Status()>& fn);

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_BATCH_SCOPE_H_
