#include "common/client/retry_config.h"

#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/descriptor_database.h>

#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace engage::client {

bool SafeToRetry(const google::protobuf::MethodDescriptor& method) {
  using google::protobuf::MethodOptions;
  const auto level = method.options().idempotency_level();
  if (level == MethodOptions::NO_SIDE_EFFECTS || level == MethodOptions::IDEMPOTENT) return true;
  // Streaming calls are not retried once a message came back; a read stream
  // that breaks is for its caller to reopen.
  if (method.client_streaming()) return false;
  for (const char* read : {"Get", "BatchGet", "List", "Read", "Download", "Preview", "Watch"}) {
    const std::string& name = method.name();
    // "Get" then a capital: GetBranding yes, a hypothetical Getaway no.
    if (absl::StartsWith(name, read) && name.size() > strlen(read) &&
        absl::ascii_isupper(static_cast<unsigned char>(name[strlen(read)]))) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> SafeMethods() {
  const google::protobuf::DescriptorPool* pool = google::protobuf::DescriptorPool::generated_pool();
  std::vector<std::string> files;
  google::protobuf::DescriptorPool::internal_generated_database()->FindAllFileNames(&files);
  std::vector<std::string> safe;
  for (const auto& name : files) {
    if (!absl::StartsWith(name, "engage/")) continue;
    const google::protobuf::FileDescriptor* file = pool->FindFileByName(name);
    if (file == nullptr) continue;
    for (int s = 0; s < file->service_count(); ++s) {
      const auto* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        if (SafeToRetry(*service->method(m))) {
          safe.push_back(absl::StrCat(service->full_name(), "/", service->method(m)->name()));
        }
      }
    }
  }
  return safe;
}

std::string BalancedServiceConfig(const std::vector<std::string>& safe) {
  std::vector<std::string> names;
  for (const auto& full : safe) {
    const size_t slash = full.find('/');
    names.push_back(absl::StrCat(R"({"service": ")", full.substr(0, slash), R"(", "method": ")",
                                 full.substr(slash + 1), R"("})"));
  }
  // Round robin itself is the channel's LB policy argument. Retries stop
  // while calls keep failing (a database down answers UNAVAILABLE
  // everywhere): each failed attempt takes a token, each success gives a
  // tenth back, and no retry is made while half of the 100 are gone. Without
  // it the clients' retries times the gateway's times the services' made one
  // call dozens of waits (the fault suite's MariaDB restart: 9.5 s a call);
  // with 10 tokens one failed call used the budget up, and the first calls
  // to a replica just restarted were not retried (SEC03 e2e under load).
  std::string config = R"({"healthCheckConfig": {"serviceName": ""},
    "retryThrottling": {"maxTokens": 100, "tokenRatio": 0.1})";
  if (!names.empty()) {
    absl::StrAppend(&config, R"(, "methodConfig": [{"name": [)", absl::StrJoin(names, ", "),
                    R"(], "retryPolicy": {"maxAttempts": 5, "initialBackoff": "0.1s",
      "maxBackoff": "1s", "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}}])");
  }
  absl::StrAppend(&config, "}");
  return config;
}

}  // namespace engage::client
