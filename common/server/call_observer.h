#ifndef ENGAGE_COMMON_SERVER_CALL_OBSERVER_H_
#define ENGAGE_COMMON_SERVER_CALL_OBSERVER_H_

#include <grpcpp/support/server_interceptor.h>

namespace engage::server {

// Server interceptor that writes one JSON log line per call (method, status
// code, duration, request id, peer) and records the call in Metrics.
class CallObserverFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_CALL_OBSERVER_H_
