#ifndef ENGAGE_PROFILE_SVC_AUDIT_SERVICE_H_
#define ENGAGE_PROFILE_SVC_AUDIT_SERVICE_H_

#include "common/audit/mysql_audit_trail.h"
#include "common/server/gatekeeper.h"
#include "common/server/unary_method.h"
#include "engage/profile/v1/audit.grpc.pb.h"

namespace engage::profile {

// gRPC handlers of engage.profile.v1.AuditService: a tenant's admins list its
// audit trail (SEC-12), which every service of the mesh writes to.
class AuditServiceImpl final : public engage::profile::v1::AuditService::Service {
 public:
  AuditServiceImpl(audit::MysqlAuditTrail& trail, const server::Gatekeeper& gate)
      : trail_(trail), gate_(gate) {}

  ENGAGE_UNARY_METHOD(ListAuditEvents);

 private:
  audit::MysqlAuditTrail& trail_;
  const server::Gatekeeper& gate_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_AUDIT_SERVICE_H_
