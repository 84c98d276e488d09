#ifndef ENGAGE_TESTS_INTEGRATION_CONNECTION_RECORDING_TRAIL_H_
#define ENGAGE_TESTS_INTEGRATION_CONNECTION_RECORDING_TRAIL_H_

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "common/audit/audit_trail.h"

namespace engage::connection {

// The audit trail in memory (SEC-12): what the job handed to it.
class RecordingTrail final : public audit::AuditTrail {
 public:
  void Record(audit::AuditEvent event) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      events_.push_back(event);
    }
    if (on_record) on_record(event);
  }
  // Called after each event is kept (a test's hook into a run in progress).
  std::function<void(const audit::AuditEvent&)> on_record;

  std::vector<audit::AuditEvent> events() {
    std::lock_guard<std::mutex> lock(mu_);
    return events_;
  }
  // The actions recorded for `object_id`, in order.
  std::vector<std::string> ActionsOf(const std::string& object_id) {
    std::vector<std::string> out;
    for (const auto& e : events()) {
      if (e.object_id == object_id) out.push_back(e.action);
    }
    return out;
  }

 private:
  std::mutex mu_;
  std::vector<audit::AuditEvent> events_;
};

}  // namespace engage::connection

#endif  // ENGAGE_TESTS_INTEGRATION_CONNECTION_RECORDING_TRAIL_H_
