#include "common/server/metric_labels.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace engage::server {
namespace {

constexpr std::array<const char*, 17> kCodeNames = {
    "OK",       "Canceled",       "Unknown",          "InvalidArgument",   "DeadlineExceeded",
    "NotFound", "AlreadyExists",  "PermissionDenied", "ResourceExhausted", "FailedPrecondition",
    "Aborted",  "OutOfRange",     "Unimplemented",    "Internal",          "Unavailable",
    "DataLoss", "Unauthenticated"};

constexpr std::array<std::string_view, 8> kOrder = {
    "grpc_type", "grpc_service", "grpc_method", "grpc_code", "pool", "outbox", "tenant", "state"};

size_t Rank(const std::string& label) {
  return static_cast<size_t>(std::find(kOrder.begin(), kOrder.end(), label) - kOrder.begin());
}

}  // namespace

std::string GrpcTypeOf(const google::protobuf::MethodDescriptor& method) {
  if (method.client_streaming()) return method.server_streaming() ? "bidi_stream" : "client_stream";
  return method.server_streaming() ? "server_stream" : "unary";
}

const char* GoCodeName(int code) {
  if (code < 0 || code >= static_cast<int>(kCodeNames.size())) return kCodeNames[2];
  return kCodeNames[static_cast<size_t>(code)];
}

void OrderLabels(std::vector<prometheus::MetricFamily>& families) {
  for (auto& family : families) {
    for (auto& metric : family.metric) {
      std::stable_sort(metric.label.begin(), metric.label.end(),
                       [](const auto& a, const auto& b) { return Rank(a.name) < Rank(b.name); });
    }
  }
}

}  // namespace engage::server
