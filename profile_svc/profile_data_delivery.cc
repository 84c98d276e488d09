#include "profile_svc/profile_data_delivery.h"

namespace engage::profile {

const outbox::OutboxTable& ProfileDataOutbox() {
  static const outbox::OutboxTable table{"profile_data_outbox",
                                         "event_id",
                                         "profile_id",
                                         "position",
                                         "state",
                                         "sent_time",
                                         {"category_code", "response_code"},
                                         {}};
  return table;
}

outbox::DeliverFn DeliverProfileData(EngagementEndpointStore& endpoints, EngagementSystem& system) {
  return [&endpoints, &system](const outbox::Message& m) -> absl::StatusOr<outbox::Outcome> {
    absl::StatusOr<std::string> url = endpoints.Get(m.tenant);
    if (!url.ok()) return url.status();  // nothing recorded: tried again next run
    if (url->empty()) return outbox::Outcome::Retry(kNoEngagementEndpoint);
    ProfileDataPayload event;
    event.event_id = m.id;
    event.profile_id = m.key;
    event.category_code = m.payload.size() > 0 ? m.payload[0] : "";
    event.response_code = m.payload.size() > 1 ? m.payload[1] : "";
    event.sequence = m.position;
    event.occurred_at = m.create_time;
    const EngagementAnswer answer = system.Deliver(*url, event);
    switch (answer.verdict) {
      case DeliveryVerdict::kDelivered:
        return outbox::Outcome::Sent();
      case DeliveryVerdict::kRefused:
        return outbox::Outcome::Refused(answer.detail);
      case DeliveryVerdict::kRetry:
        break;
    }
    return outbox::Outcome::Retry(answer.detail);
  };
}

}  // namespace engage::profile
