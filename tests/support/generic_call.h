#ifndef ENGAGE_TESTS_SUPPORT_GENERIC_CALL_H_
#define ENGAGE_TESTS_SUPPORT_GENERIC_CALL_H_

#include <grpcpp/grpcpp.h>

#include <string>

namespace engage::testing {

// Calls any unary method by its path with raw request bytes (an empty message
// by default) and returns the status: lets a test sweep every method of the
// protos without a typed stub per method.
grpc::Status CallRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& path,
                     const std::string& token, const std::string& request_bytes = "");

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_GENERIC_CALL_H_
