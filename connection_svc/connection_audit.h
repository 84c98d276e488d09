#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_AUDIT_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_AUDIT_H_

#include <optional>
#include <string>

#include "common/audit/audit_trail.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// SEC-12: every connection change (connect, reconnect, disconnect,
// deactivation by a removal) and every invite accept, decline and revoke goes
// to the audit trail. Plain functions build the events; the handlers and the
// post-processing job hand them to the trail.

// Who made a change and through which method.
struct AuditActor {
  std::string subject;
  auth::Role role = engage::common::v1::ROLE_UNSPECIFIED;
  std::string method;
};
// The caller of the call `server_context` serves.
AuditActor CallerActor(const auth::Identity& caller, const void* server_context);
// The post-processing timer: nobody called.
AuditActor JobActor();

// CONNECT, RECONNECT, DISCONNECT, or DEACTIVATE when a removal ended it;
// nullopt when nothing changed (nothing to record).
std::optional<std::string> ConnectionAction(const ConnectResult& result);
std::optional<audit::AuditEvent> ConnectionEvent(const std::string& tenant, const AuditActor& actor,
                                                 const ConnectResult& result, absl::Time time);
// INVITE_ACCEPT, INVITE_DECLINE or INVITE_REVOKE of one invite.
audit::AuditEvent InviteEvent(const std::string& tenant, const AuditActor& actor,
                              const std::string& action, const std::string& invite_id,
                              absl::Time time);

// Records ConnectionEvent when there is one.
void RecordConnectionChange(audit::AuditTrail& trail, const std::string& tenant,
                            const AuditActor& actor, const ConnectResult& result, absl::Time time);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CONNECTION_AUDIT_H_
