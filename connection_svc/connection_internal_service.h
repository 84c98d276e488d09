#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_INTERNAL_SERVICE_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_INTERNAL_SERVICE_H_

#include "common/audit/audit_trail.h"
#include "common/server/gatekeeper.h"
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

  grpc::Status ReadChangeFeed(grpc::ServerContext* context,
                              const v1::ReadChangeFeedRequest* request,
                              v1::ReadChangeFeedResponse* response) override;
  grpc::Status GetPostProcessingState(grpc::ServerContext* context,
                                      const v1::GetPostProcessingStateRequest* request,
                                      v1::GetPostProcessingStateResponse* response) override;
  grpc::Status GetActiveConnections(grpc::ServerContext* context,
                                    const v1::GetActiveConnectionsRequest* request,
                                    v1::GetActiveConnectionsResponse* response) override;
  // PRF-11 (connection_internal_erasure.cc).
  grpc::Status EraseHcpData(grpc::ServerContext* context, const v1::EraseHcpDataRequest* request,
                            v1::EraseHcpDataResponse* response) override;

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
