#include "profile_svc/audit_service.h"

#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/validate/text.h"
#include "profile_svc/proto_mapping.h"

namespace engage::profile {

using auth::Identity;

grpc::Status AuditServiceImpl::ListAuditEvents(grpc::ServerContext* context,
                                               const v1::ListAuditEventsRequest* request,
                                               v1::ListAuditEventsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    // An object is named by its id, or the company's events (ENDPOINT_CHANGE)
    // by the caller's own tenant id.
    if (!request->object_id().empty() && request->object_id() != caller.tenant) {
      validate::Id(errors, "object_id", request->object_id());
    }
    // A page token continues the listing of the same filter only.
    const uint64_t query = paging::QueryHash("audit-events/" + request->object_id());
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    // Newest first: a page continues before the last event id it showed.
    auto events = trail_.List(caller.tenant, page.after_key, request->object_id(), page.size + 1);
    if (!events.ok()) return events.status();
    response->set_next_page_token(
        paging::CutToPage(*events, page, query, [](const auto& e) { return e.event_id; }));
    for (const auto& e : *events) {
      v1::AuditEvent* out = response->add_events();
      out->set_event_id(e.event_id);
      *out->mutable_event_time() = ToTimestamp(e.time);
      out->set_actor_subject(e.actor_subject);
      out->set_actor_role(e.actor_role);
      out->set_method(e.method);
      out->set_action(e.action);
      out->set_object_type(e.object_type);
      out->set_object_id(e.object_id);
      out->set_repeat_count(e.repeat_count);
      *out->mutable_last_time() = ToTimestamp(e.last_time);
    }
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
