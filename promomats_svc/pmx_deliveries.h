#ifndef ENGAGE_PROMOMATS_SVC_PMX_DELIVERIES_H_
#define ENGAGE_PROMOMATS_SVC_PMX_DELIVERIES_H_

#include "absl/status/statusor.h"
#include "common/outbox/mysql_outbox_store.h"
#include "common/outbox/outbox.h"
#include "promomats_svc/rules/pmx_model.h"

namespace engage::promomats {

// The delivery outbox of promomats_svc on common/outbox: table pmx_deliveries
// (migrations 0006 and 0040), one message per (change, target CRM vault),
// message id "<change id>.<target vault id>", delivered in order per
// (document, target) ("<document id>.<target vault id>") by the document's
// version (seq; equal versions, a re-route's, in message id order).
const outbox::OutboxTable& PmxDeliveriesTable();

// The payload of a delivery, in PmxDeliveriesTable's payload column order.
std::vector<mysql::Value> DeliveryPayload(const std::string& change_id,
                                          const std::string& target_vault_id,
                                          const std::string& document_id, DeliveryAction action,
                                          const std::string& crosslink_json,
                                          const std::string& owner);

// The delivery a claimed message holds.
absl::StatusOr<Delivery> DeliveryOf(const outbox::Message& m);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_PMX_DELIVERIES_H_
