#ifndef ENGAGE_COMMON_SERVER_CALL_METHODS_H_
#define ENGAGE_COMMON_SERVER_CALL_METHODS_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>

#include <mutex>
#include <unordered_map>

namespace engage::server {

// Which method each call in progress is for. The synchronous API hands a
// handler only its ServerContext; an interceptor, which does see the method,
// records it here so the access check reads that method's declaration
// (SEC-01) instead of a list kept in the handler.
class CallMethods {
 public:
  static CallMethods& Get();
  void Begin(const grpc::ServerContextBase* call, const char* method);
  void End(const grpc::ServerContextBase* call);
  // "/pkg.Service/Method", or nullptr for a call no interceptor recorded.
  const char* Find(const grpc::ServerContextBase* call) const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<const grpc::ServerContextBase*, const char*> methods_;
};

// Installs the recording interceptor on a server.
class CallMethodsRecorder final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_CALL_METHODS_H_
