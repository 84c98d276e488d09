#include "promomats_svc/pmx_deliveries.h"

#include "absl/strings/numbers.h"
#include "common/status/status_macros.h"
#include "promomats_svc/json_codec.h"
#include "promomats_svc/pmx_mapping.h"

namespace engage::promomats {

namespace {
enum Payload { kChange, kTarget, kDocument, kAction, kCrossLink, kOwner, kColumns };
}  // namespace

const outbox::OutboxTable& PmxDeliveriesTable() {
  static const outbox::OutboxTable* table = new outbox::OutboxTable{
      "pmx_deliveries",
      "message_id",
      "order_key",
      "seq",
      "status",
      "deliver_time",
      {"change_id", "target_vault_id", "document_id", "action", "payload", "owner"},
      {}};
  return *table;
}

std::vector<mysql::Value> DeliveryPayload(const std::string& change_id,
                                          const std::string& target_vault_id,
                                          const std::string& document_id, DeliveryAction action,
                                          const std::string& crosslink_json,
                                          const std::string& owner) {
  return {change_id,      target_vault_id,
          document_id,    int64_t{static_cast<int>(action)},
          crosslink_json, owner};
}

absl::StatusOr<Delivery> DeliveryOf(const outbox::Message& m) {
  if (m.payload.size() != kColumns) {
    return absl::InternalError("pmx_deliveries: unexpected payload columns");
  }
  Delivery d;
  d.tenant = m.tenant;
  d.change_id = m.payload[kChange];
  d.target_vault_id = m.payload[kTarget];
  d.document_id = m.payload[kDocument];
  d.seq = m.position;
  int action = 0;
  if (!absl::SimpleAtoi(m.payload[kAction], &action)) {
    return absl::InternalError("pmx_deliveries: action is not a number");
  }
  d.action = static_cast<DeliveryAction>(action);
  v1::CrossLink payload;
  RETURN_IF_ERROR(FromJson(m.payload[kCrossLink], &payload));
  d.payload = FromProto(payload);
  d.owner = m.payload[kOwner];
  d.attempts = m.attempts;
  return d;
}

}  // namespace engage::promomats
