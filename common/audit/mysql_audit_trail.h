#ifndef ENGAGE_COMMON_AUDIT_MYSQL_AUDIT_TRAIL_H_
#define ENGAGE_COMMON_AUDIT_MYSQL_AUDIT_TRAIL_H_

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_trail.h"
#include "common/mysql/pool.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"

namespace engage::audit {

// The audit trail in the audit_events table. Record() only queues the event;
// a writer thread inserts what is queued every `flush_interval` (one
// multi-row INSERT), so recording adds no database round trip to the call.
// A crash (kill -9, power loss) loses at most the events of the last
// `flush_interval` not yet written; a clean stop (destructor) writes them all.
// When the queue holds `max_queued` events the caller writes them itself, so
// memory stays bounded and nothing is dropped.
class MysqlAuditTrail final : public AuditTrail {
 public:
  MysqlAuditTrail(mysql::Pool& pool, const Clock& clock, IdGenerator& ids,
                  absl::Duration flush_interval = absl::Milliseconds(200),
                  size_t max_queued = 10000);
  ~MysqlAuditTrail() override;

  void Record(AuditEvent event) override;
  // Writes what is queued now (tests; the destructor).
  absl::Status Flush();

  // A tenant's events, newest first, starting after `before_event_id` (empty:
  // the newest), at most `limit`; only those of `object_id` when set.
  absl::StatusOr<std::vector<AuditEvent>> List(const std::string& tenant,
                                               const std::string& before_event_id,
                                               const std::string& object_id, int limit);

 private:
  absl::Status Write(const std::vector<AuditEvent>& events);

  mysql::Pool& pool_;
  const Clock& clock_;
  IdGenerator& ids_;
  absl::Duration flush_interval_;
  size_t max_queued_;
  std::mutex mu_;
  std::mutex write_mu_;  // one writer at a time keeps the inserts in order
  std::condition_variable wake_;
  bool stop_ = false;
  std::vector<AuditEvent> queue_;
  std::thread writer_;
};

}  // namespace engage::audit

#endif  // ENGAGE_COMMON_AUDIT_MYSQL_AUDIT_TRAIL_H_
