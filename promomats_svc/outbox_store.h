#ifndef ENGAGE_PROMOMATS_SVC_OUTBOX_STORE_H_
#define ENGAGE_PROMOMATS_SVC_OUTBOX_STORE_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "promomats_svc/rules/pmx_model.h"

namespace engage::promomats {

// The dispatcher's view of the outbox. A delivery is due when it is pending,
// its retry time has come, and no earlier change of the same document to the
// same target is still pending (delivery in order per document and target).
class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  enum class Processed { kDelivered, kFailed, kSkipped };

  virtual absl::StatusOr<std::vector<std::string>> TenantsWithPending() = 0;
  virtual absl::StatusOr<std::vector<DeliveryKey>> Due(const std::string& tenant, absl::Time now,
                                                       int limit) = 0;
  // Claims the delivery (skipped when another dispatcher holds it, it is done,
  // or it is no longer due), runs `deliver` on it and records what it returns
  // in the same transaction, so a crash before the commit leaves it pending.
  virtual absl::StatusOr<Processed> Process(
      const std::string& tenant, const DeliveryKey& key, absl::Time now,
      const std::function<DeliveryRecord(const Delivery&)>& deliver) = 0;
  // Deliveries not yet delivered (for tests and metrics).
  virtual absl::StatusOr<int64_t> PendingCount(const std::string& tenant) = 0;
};

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_OUTBOX_STORE_H_
