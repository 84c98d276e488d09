#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_INTERNAL_SERVICE_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_INTERNAL_SERVICE_H_

#include "common/audit/audit_trail.h"
#include "common/server/gatekeeper.h"
#include "common/server/unary_method.h"
#include "common/time/clock.h"
#include "connection_svc/change_feed.h"
#include "connection_svc/connection_store.h"
#include "connection_svc/erasure_store.h"
#include "connection_svc/post_processing_store.h"
#include "engage/connection/v1/connection.grpc.pb.h"

namespace engage::connection {

// gRPC handlers of engage.connection.v1.ConnectionInternalService (role
// SERVICE; the tenant is named in the request).
class ConnectionInternalServiceImpl final
    : public engage::connection::v1::ConnectionInternalService::Service {
 public:
  ConnectionInternalServiceImpl(ConnectionStore& connections, ChangeFeed& feed,
                                PostProcessingStore& job_store, ErasureStore& erasures,
                                audit::AuditTrail& audit, const server::Gatekeeper& gate,
                                const Clock& clock)
      : connections_(connections),
        feed_(feed),
        job_store_(job_store),
        erasures_(erasures),
        audit_(audit),
        gate_(gate),
        clock_(clock) {}

  ENGAGE_UNARY_METHOD(ReadChangeFeed);
  ENGAGE_UNARY_METHOD(GetPostProcessingState);
  ENGAGE_UNARY_METHOD(GetActiveConnections);
  // PRF-11 (connection_internal_erasure.cc).
  ENGAGE_UNARY_METHOD(EraseHcpData);

 private:
  ConnectionStore& connections_;
  ChangeFeed& feed_;
  PostProcessingStore& job_store_;
  ErasureStore& erasures_;
  audit::AuditTrail& audit_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CONNECTION_INTERNAL_SERVICE_H_
