#ifndef ENGAGE_COMMON_SERVER_METRIC_LABELS_H_
#define ENGAGE_COMMON_SERVER_METRIC_LABELS_H_

#include <google/protobuf/descriptor.h>
#include <prometheus/metric_family.h>

#include <string>
#include <vector>

namespace engage::server {

// go-grpc-prometheus' grpc_type of a method: unary, client_stream,
// server_stream or bidi_stream.
std::string GrpcTypeOf(const google::protobuf::MethodDescriptor& method);

// Go's spelling of a gRPC status code (codes.Code.String(): "OK",
// "InvalidArgument", ...), which the grpc_code label carries; a number outside
// 0..16 is "Unknown".
const char* GoCodeName(int code);

// prometheus-cpp keeps a series' labels in a map, so it writes them sorted by
// name (grpc_code first). Prometheus ignores the order; people reading the
// text and the checks that grep it expect the order go-grpc-prometheus
// declares: grpc_type, grpc_service, grpc_method, grpc_code, then ours
// (pool, outbox, tenant, state). Labels not listed keep their place after.
void OrderLabels(std::vector<prometheus::MetricFamily>& families);

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_METRIC_LABELS_H_
