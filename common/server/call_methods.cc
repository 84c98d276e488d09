#include "common/server/call_methods.h"

namespace engage::server {
namespace {

// Lives exactly as long as its call: recorded when gRPC creates it for the
// call, forgotten when gRPC destroys it after the status went out.
class Recorder final : public grpc::experimental::Interceptor {
 public:
  explicit Recorder(grpc::experimental::ServerRpcInfo* info) : call_(info->server_context()) {
    CallMethods::Get().Begin(call_, info->method());
  }
  ~Recorder() override { CallMethods::Get().End(call_); }
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    methods->Proceed();
  }

 private:
  const grpc::ServerContextBase* call_;
};

}  // namespace

CallMethods& CallMethods::Get() {
  static CallMethods* registry = new CallMethods();
  return *registry;
}

void CallMethods::Begin(const grpc::ServerContextBase* call, const char* method) {
  if (call == nullptr || method == nullptr) return;
  std::lock_guard<std::mutex> lock(mu_);
  methods_[call] = method;
}

void CallMethods::End(const grpc::ServerContextBase* call) {
  std::lock_guard<std::mutex> lock(mu_);
  methods_.erase(call);
}

const char* CallMethods::Find(const grpc::ServerContextBase* call) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = methods_.find(call);
  return it == methods_.end() ? nullptr : it->second;
}

grpc::experimental::Interceptor* CallMethodsRecorder::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new Recorder(info);
}

}  // namespace engage::server
