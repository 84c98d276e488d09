#ifndef ENGAGE_COMMON_STATUS_GRPC_STATUS_H_
#define ENGAGE_COMMON_STATUS_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace engage {

// The one mapping from the code's errors to what a gRPC client sees: same code
// and message, plus a google.rpc.Status-compatible details trailer carrying the
// ErrorInfo reason and the BadRequest field violations. UNKNOWN never leaves a
// service: an unmapped code becomes INTERNAL.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The reverse, for a service relaying another service's failure; keeps the
// details.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace engage

#endif  // ENGAGE_COMMON_STATUS_GRPC_STATUS_H_
