#include "common/server/call_observer.h"

#include <chrono>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/server/call_records.h"
#include "common/server/metrics.h"

namespace engage::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

class CallObserver final : public grpc::experimental::Interceptor {
 public:
  explicit CallObserver(grpc::experimental::ServerRpcInfo* info)
      : method_(info->method() != nullptr ? info->method() : "unknown"),
        series_(Metrics::Get().For(method_)),
        call_(info->server_context()),
        start_(std::chrono::steady_clock::now()) {
    series_.Started();
  }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_MESSAGE)) {
      series_.Received();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_MESSAGE)) {
      series_.Sent();
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      // gRPC's codes are absl's codes, number for number.
      const std::string code =
          absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code()));
      series_.Handled(status.error_code(), seconds);
      CallRecord record = CallRecords::Get().Find(call_).value_or(CallRecord{});
      log::Fields fields = {{"method", method_},
                            {"code", code},
                            {"duration_ms", absl::StrCat(seconds * 1000)},
                            {"request_id", record.request_id},
                            {"trace_id", record.trace.trace_id},
                            {"span_id", record.trace.span_id}};
      if (!status.ok()) fields.push_back({"error", status.error_message()});
      log::Info("call", fields);
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  MethodMetrics& series_;
  const grpc::ServerContextBase* call_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

grpc::experimental::Interceptor* CallObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallObserver(info);
}

}  // namespace engage::server
