#ifndef ENGAGE_TESTS_UNIT_COMMON_OUTBOX_QUIET_STORE_H_
#define ENGAGE_TESTS_UNIT_COMMON_OUTBOX_QUIET_STORE_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "common/outbox/outbox.h"

namespace engage::outbox {

// The admin half of a Store, empty, under the fakes of the dispatcher's unit
// tests (they fake only what a run reads and claims).
class QuietStore : public Store {
 public:
  // Every claim succeeds: `attempt` runs on a message of that tenant and id,
  // and Delivered(tenant) records it unless the attempt's status is an error.
  absl::StatusOr<Processed> Process(
      const std::string& tenant, const std::string& id, absl::Time,
      const std::function<absl::StatusOr<Record>(const Message&)>& attempt) override {
    Message m;
    m.tenant = tenant;
    m.id = id;
    auto rec = attempt(m);
    if (!rec.ok()) return rec.status();
    Delivered(tenant);
    return Processed::kDelivered;
  }
  virtual void Delivered(const std::string& tenant) = 0;

  absl::StatusOr<Counts> CountsOf(const std::string&) override { return Counts(); }
  absl::StatusOr<std::map<std::string, Counts>> AllCounts() override {
    return std::map<std::string, Counts>{};
  }
  absl::StatusOr<std::vector<Status>> List(const std::string&, const ListFilter&,
                                           const std::string&, int) override {
    return std::vector<Status>{};
  }
  absl::Status Retry(const std::string&, const std::string&, absl::Time) override {
    return absl::OkStatus();
  }
};

}  // namespace engage::outbox

#endif  // ENGAGE_TESTS_UNIT_COMMON_OUTBOX_QUIET_STORE_H_
