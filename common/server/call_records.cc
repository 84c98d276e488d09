#include "common/server/call_records.h"

#include "common/server/handler.h"

namespace engage::server {
namespace {

using grpc::experimental::InterceptionHookPoints;

std::string Value(const std::multimap<grpc::string_ref, grpc::string_ref>& metadata,
                  const char* key) {
  auto it = metadata.find(key);
  return it == metadata.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

// Lives exactly as long as its call: recorded when gRPC creates it for the
// call, forgotten when gRPC destroys it after the status went out.
class Recorder final : public grpc::experimental::Interceptor {
 public:
  explicit Recorder(grpc::experimental::ServerRpcInfo* info) : call_(info->server_context()) {
    CallRecords::Get().Begin(call_, info->method());
  }
  ~Recorder() override { CallRecords::Get().End(call_); }
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      const auto& metadata = *methods->GetRecvInitialMetadata();
      CallRecords::Get().Received(
          call_, Value(metadata, "x-request-id"),
          trace::StartSpan(trace::ParseTraceparent(Value(metadata, "traceparent"))));
    }
    methods->Proceed();
  }

 private:
  const grpc::ServerContextBase* call_;
};

}  // namespace

CallRecords& CallRecords::Get() {
  static CallRecords* registry = new CallRecords();
  return *registry;
}

void CallRecords::Begin(const grpc::ServerContextBase* call, const char* method) {
  if (call == nullptr || method == nullptr) return;
  std::lock_guard<std::mutex> lock(mu_);
  calls_[call].method = method;
}

void CallRecords::Received(const grpc::ServerContextBase* call, std::string request_id,
                           trace::TraceContext trace) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = calls_.find(call);
  if (it == calls_.end()) return;
  it->second.request_id = std::move(request_id);
  it->second.trace = std::move(trace);
}

void CallRecords::End(const grpc::ServerContextBase* call) {
  std::lock_guard<std::mutex> lock(mu_);
  calls_.erase(call);
}

const char* CallRecords::FindMethod(const grpc::ServerContextBase* call) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = calls_.find(call);
  return it == calls_.end() ? nullptr : it->second.method;
}

std::optional<CallRecord> CallRecords::Find(const grpc::ServerContextBase* call) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = calls_.find(call);
  if (it == calls_.end()) return std::nullopt;
  return it->second;
}

grpc::experimental::Interceptor* CallRecorder::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new Recorder(info);
}

trace::CurrentCall CurrentCallOf(const grpc::ServerContextBase& context) {
  trace::CurrentCall call;
  if (context.deadline() != std::chrono::system_clock::time_point::max()) {
    call.deadline = absl::FromChrono(context.deadline());
  }
  if (auto record = CallRecords::Get().Find(&context); record.has_value()) {
    call.request_id = std::move(record->request_id);
    call.trace = std::move(record->trace);
  }
  return call;
}

}  // namespace engage::server
