#ifndef ENGAGE_CONNECTION_SVC_CONNECTION_SERVICE_H_
#define ENGAGE_CONNECTION_SVC_CONNECTION_SERVICE_H_

#include "common/auth/jwt.h"
#include "connection_svc/connection_store.h"
#include "engage/connection/v1/connection.grpc.pb.h"

namespace engage::connection {

// gRPC handlers of engage.connection.v1.ConnectionService.
class ConnectionServiceImpl final : public engage::connection::v1::ConnectionService::Service {
 public:
  ConnectionServiceImpl(ConnectionStore& store, const auth::JwtVerifier& verifier)
      : store_(store), verifier_(verifier) {}

  grpc::Status ListConnections(grpc::ServerContext* context,
                               const v1::ListConnectionsRequest* request,
                               v1::ListConnectionsResponse* response) override;

 private:
  ConnectionStore& store_;
  const auth::JwtVerifier& verifier_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_CONNECTION_SERVICE_H_
