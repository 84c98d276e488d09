#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_UNIT_OF_WORK_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_UNIT_OF_WORK_H_

namespace engage::profile::sync {

// One batch's unit of work: what the runner opens with SyncStore::Atomically
// and passes to every call that must commit with the batch (the CRM upsert,
// the lock check, the batch's log and progress). A store call that takes one
// joins it; a call that takes none runs on its own. Its implementation is the
// stores' (MysqlUnitOfWork: one transaction of the shared database).
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
};

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_UNIT_OF_WORK_H_
