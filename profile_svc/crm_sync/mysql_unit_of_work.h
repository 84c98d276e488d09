#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_UNIT_OF_WORK_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_UNIT_OF_WORK_H_

#include <functional>

#include "absl/status/statusor.h"
#include "common/mysql/pool.h"
#include "profile_svc/crm_sync/unit_of_work.h"

namespace engage::profile::sync {

// A unit of work of the shared database: one open transaction. The local CRM
// lives in the same database as the sync's bookkeeping, so the CRM upsert,
// the log lines, the failure counts, the run's progress and the check that
// the run still holds its org's lock commit together or not at all (SYN-12):
// a crash can never leave CRM records written without their log lines.
class MysqlUnitOfWork final : public UnitOfWork {
 public:
  explicit MysqlUnitOfWork(mysql::Session& session) : session_(session) {}
  mysql::Session& session() { return session_; }

  // Opens a transaction on `pool`, runs `fn` with it, and commits when `fn`
  // returns OK. A deadlock re-runs the whole of `fn` (see Pool::Transaction),
  // so `fn` must not keep effects of an attempt that rolled back.
  static absl::Status Run(mysql::Pool& pool, const std::function<absl::Status(UnitOfWork&)>& fn);

  // The transaction of `work`; INTERNAL when `work` is not a MysqlUnitOfWork
  // (a store of this database cannot join another kind of unit).
  static absl::StatusOr<mysql::Session*> SessionOf(UnitOfWork& work);

 private:
  mysql::Session& session_;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_MYSQL_UNIT_OF_WORK_H_
