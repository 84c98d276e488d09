#ifndef ENGAGE_COMMON_AUDIT_AUDIT_TRAIL_H_
#define ENGAGE_COMMON_AUDIT_AUDIT_TRAIL_H_

#include <string>

#include "absl/time/time.h"
#include "common/auth/identity.h"

namespace engage::audit {

// One entry of the audit trail (SEC-12): who, in which tenant, when, through
// which method, did what to which object.
struct AuditEvent {
  std::string tenant;
  std::string event_id;  // time-ordered id; filled by the trail when empty
  absl::Time time;
  std::string actor_subject;
  auth::Role actor_role = auth::kNoRole;
  std::string method;       // "/engage.profile.v1.ProfileService/GetBusinessCard"
  std::string action;       // "READ_CONTACT", "CONNECT", "DISCONNECT", ...
  std::string object_type;  // "PROFILE", "CONNECTION", "INVITE"
  std::string object_id;
  // Filled by the trail: the same act repeated within one write is one entry
  // (MysqlAuditTrail), `repeat_count` times up to `last_time`.
  int64_t repeat_count = 1;
  absl::Time last_time;
};

// Where events go. Recording never fails the call it records: the trail
// takes the event and writes it on its own time (see MysqlAuditTrail for
// what a crash can lose).
class AuditTrail {
 public:
  virtual ~AuditTrail() = default;
  virtual void Record(AuditEvent event) = 0;
};

// The method of the call `context` serves, for AuditEvent::method.
std::string MethodOf(const void* server_context);

}  // namespace engage::audit

#endif  // ENGAGE_COMMON_AUDIT_AUDIT_TRAIL_H_
