#include "connection_svc/connection_audit.h"

namespace engage::connection {

AuditActor CallerActor(const auth::Identity& caller, const void* server_context) {
  return {caller.subject, caller.role, audit::MethodOf(server_context)};
}

AuditActor JobActor() {
  return {"post-processing", engage::common::v1::ROLE_SERVICE, "post-processing"};
}

std::optional<std::string> ConnectionAction(const ConnectResult& result) {
  switch (result.change) {
    case ChangeKind::kCreated:
      return "CONNECT";
    case ChangeKind::kReactivated:
      return "RECONNECT";
    case ChangeKind::kDeactivated:
      return result.connection.ended_by == EndedBy::kRemoval ? "DEACTIVATE" : "DISCONNECT";
    case ChangeKind::kNone:
      break;
  }
  return std::nullopt;
}

namespace {

audit::AuditEvent Event(const std::string& tenant, const AuditActor& actor,
                        const std::string& action, const char* object_type,
                        const std::string& object_id, absl::Time time) {
  audit::AuditEvent event;
  event.tenant = tenant;
  event.time = time;
  event.actor_subject = actor.subject;
  event.actor_role = actor.role;
  event.method = actor.method;
  event.action = action;
  event.object_type = object_type;
  event.object_id = object_id;
  return event;
}

}  // namespace

std::optional<audit::AuditEvent> ConnectionEvent(const std::string& tenant, const AuditActor& actor,
                                                 const ConnectResult& result, absl::Time time) {
  auto action = ConnectionAction(result);
  if (!action.has_value()) return std::nullopt;
  return Event(tenant, actor, *action, "CONNECTION", result.connection.connection_id, time);
}

audit::AuditEvent InviteEvent(const std::string& tenant, const AuditActor& actor,
                              const std::string& action, const std::string& invite_id,
                              absl::Time time) {
  return Event(tenant, actor, action, "INVITE", invite_id, time);
}

void RecordConnectionChange(audit::AuditTrail& trail, const std::string& tenant,
                            const AuditActor& actor, const ConnectResult& result, absl::Time time) {
  if (auto event = ConnectionEvent(tenant, actor, result, time)) trail.Record(*std::move(event));
}

}  // namespace engage::connection
