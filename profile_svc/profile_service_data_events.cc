// ProfileService handlers of profile-data delivery (CAT-08): the admin view
// of CAT-06's outbox, the retry of a failed event, the company's endpoint.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/audit/audit_trail.h"
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/profile_service.h"
#include "profile_svc/proto_mapping.h"
#include "profile_svc/rules/engagement_rules.h"

namespace engage::profile {

using auth::Identity;

namespace {

v1::ProfileDataEventState ToProto(outbox::State state) {
  switch (state) {
    case outbox::State::kPending:
      return v1::PROFILE_DATA_EVENT_STATE_PENDING;
    case outbox::State::kSent:
      return v1::PROFILE_DATA_EVENT_STATE_SENT;
    case outbox::State::kFailed:
      return v1::PROFILE_DATA_EVENT_STATE_FAILED;
  }
  return v1::PROFILE_DATA_EVENT_STATE_UNSPECIFIED;
}

void ToProto(const outbox::Status& e, v1::ProfileDataEvent* out) {
  out->set_event_id(e.id);
  out->set_profile_id(e.key);
  out->set_category_code(e.payload.size() > 0 ? e.payload[0] : "");
  out->set_response_code(e.payload.size() > 1 ? e.payload[1] : "");
  *out->mutable_create_time() = ToTimestamp(e.create_time);
  out->set_state(ToProto(e.state));
  out->set_attempts(e.attempts);
  out->set_last_error(e.last_error);
  if (e.state == outbox::State::kPending) {
    *out->mutable_next_attempt_time() = ToTimestamp(e.next_attempt_time);
  } else {
    *out->mutable_done_time() = ToTimestamp(e.done_time);
  }
  out->set_sequence(e.position);
}

}  // namespace

grpc::Status ProfileServiceImpl::ListProfileDataEvents(
    grpc::ServerContext* context, const v1::ListProfileDataEventsRequest* request,
    v1::ListProfileDataEventsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    outbox::ListFilter filter;
    std::string filters = "profile-data-events";
    if (!request->profile_id().empty()) {
      validate::Id(errors, "profile_id", request->profile_id());
      filter.key = request->profile_id();
      absl::StrAppend(&filters, "|profile=", request->profile_id());
    }
    for (int i = 0; i < request->states_size(); ++i) {
      const int state = request->states(i);
      if (!v1::ProfileDataEventState_IsValid(state) ||
          state == v1::PROFILE_DATA_EVENT_STATE_UNSPECIFIED) {
        errors.Add(absl::StrCat("states[", i, "]"), "must be PENDING, SENT or FAILED");
        continue;
      }
      const outbox::State s = state == v1::PROFILE_DATA_EVENT_STATE_PENDING
                                  ? outbox::State::kPending
                              : state == v1::PROFILE_DATA_EVENT_STATE_SENT ? outbox::State::kSent
                                                                           : outbox::State::kFailed;
      if (std::find(filter.states.begin(), filter.states.end(), s) == filter.states.end()) {
        filter.states.push_back(s);
      }
    }
    // Not delivered yet, as before CAT-08 (then "pending" was all there was).
    if (filter.states.empty()) filter.states = {outbox::State::kPending, outbox::State::kFailed};
    std::sort(filter.states.begin(), filter.states.end());
    for (outbox::State s : filter.states) absl::StrAppend(&filters, "|state=", static_cast<int>(s));
    const uint64_t query = paging::QueryHash(filters);
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();

    ASSIGN_OR_RETURN(auto events, profile_data_.events.List(caller.tenant, filter, page.after_key,
                                                            page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(events, page, query, [](const auto& e) { return e.id; }));
    for (const auto& e : events) ToProto(e, response->add_events());
    ASSIGN_OR_RETURN(const outbox::Counts counts, profile_data_.events.CountsOf(caller.tenant));
    response->mutable_counts()->set_pending(counts.pending);
    response->mutable_counts()->set_failing(counts.failing);
    response->mutable_counts()->set_failed(counts.failed);
    ASSIGN_OR_RETURN(const std::string url, profile_data_.endpoints.Get(caller.tenant));
    response->set_endpoint_configured(!url.empty());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::RetryProfileDataEvent(
    grpc::ServerContext* context, const v1::RetryProfileDataEventRequest* request,
    v1::RetryProfileDataEventResponse*) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "event_id", request->event_id());
    if (!errors.empty()) return errors.ToStatus();
    absl::Status st = profile_data_.events.Retry(caller.tenant, request->event_id(), clock_.Now());
    if (absl::IsNotFound(st)) {
      // Another tenant's event reads as a missing one.
      return absl::NotFoundError(
          absl::StrCat("event_id: no FAILED profile-data event ", request->event_id()));
    }
    return st;
  });
}

grpc::Status ProfileServiceImpl::GetEngagementEndpoint(
    grpc::ServerContext* context, const v1::GetEngagementEndpointRequest*,
    v1::GetEngagementEndpointResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    ASSIGN_OR_RETURN(const std::string url, profile_data_.endpoints.Get(caller.tenant));
    response->set_url(url);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::UpdateEngagementEndpoint(
    grpc::ServerContext* context, const v1::UpdateEngagementEndpointRequest* request,
    v1::UpdateEngagementEndpointResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    if (!request->url().empty()) {
      RETURN_IF_ERROR(
          CheckEngagementEndpoint("url", request->url(), profile_data_.allow_loopback_http));
    }
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(const bool changed,
                     profile_data_.endpoints.Set(caller.tenant, request->url(), now));
    // SEC-12: where the company's profile data goes is an admin act worth a
    // trace; setting the same URL again is none.
    if (changed) {
      audit::AuditEvent event;
      event.tenant = caller.tenant;
      event.time = now;
      event.actor_subject = caller.subject;
      event.actor_role = caller.role;
      event.method = audit::MethodOf(context);
      event.action = "ENDPOINT_CHANGE";
      event.object_type = "COMPANY";
      event.object_id = caller.tenant;
      audit_.Record(std::move(event));
    }
    response->set_url(request->url());
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
