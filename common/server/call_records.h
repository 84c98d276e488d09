#ifndef ENGAGE_COMMON_SERVER_CALL_RECORDS_H_
#define ENGAGE_COMMON_SERVER_CALL_RECORDS_H_

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_interceptor.h>

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/trace/trace_context.h"

namespace engage::server {

// What an interceptor learns of a call in progress that its handler, given
// only a ServerContext, would not: the method (so the access check reads that
// method's declaration, SEC-01) and the call's place in its trace.
struct CallRecord {
  const char* method = nullptr;  // "/pkg.Service/Method"
  std::string request_id;        // the caller's x-request-id, or empty
  trace::TraceContext trace;     // this call's span (empty until metadata arrived)
};

class CallRecords {
 public:
  static CallRecords& Get();
  void Begin(const grpc::ServerContextBase* call, const char* method);
  void Received(const grpc::ServerContextBase* call, std::string request_id,
                trace::TraceContext trace);
  void End(const grpc::ServerContextBase* call);
  // The method, or nullptr for a call no interceptor recorded.
  const char* FindMethod(const grpc::ServerContextBase* call) const;
  std::optional<CallRecord> Find(const grpc::ServerContextBase* call) const;

 private:
  mutable std::mutex mu_;
  std::unordered_map<const grpc::ServerContextBase*, CallRecord> calls_;
};

// Installs the recording interceptor on a server: it records the method when
// the call starts and, once the caller's metadata is in, its x-request-id and
// a span continuing the caller's `traceparent` (or starting a trace).
class CallRecorder final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_CALL_RECORDS_H_
