#ifndef ENGAGE_COMMON_CLIENT_RETRY_CONFIG_H_
#define ENGAGE_COMMON_CLIENT_RETRY_CONFIG_H_

#include <google/protobuf/descriptor.h>

#include <string>
#include <vector>

namespace engage::client {

// Whether a call of `method` may be sent again after an UNAVAILABLE answer
// (issue 18). UNAVAILABLE also ends a call whose replica died after doing its
// work (kill -9 between commit and answer), so only calls that change nothing,
// or change nothing more when repeated, are retried: methods declared
// `idempotency_level = NO_SIDE_EFFECTS` or `IDEMPOTENT`, and the reads by the
// contracts' naming (Get, BatchGet, List, Read, Download, Preview, Watch).
// Other calls are still moved to another replica when the first never took
// them (gRPC's transparent retry: refused streams, a GOAWAY), and replicas
// going away drain first (ServerConfig::drain).
bool SafeToRetry(const google::protobuf::MethodDescriptor& method);

// "package.Service/Method" of every method of the linked engage.* contracts
// that SafeToRetry allows.
std::vector<std::string> SafeMethods();

// The service config of BalancedChannel: round robin over the replicas that
// report SERVING (client-side health checking, so a draining replica gets no
// new calls), UNAVAILABLE retried on another replica for `safe` methods only,
// and not while most calls fail (retry throttling).
std::string BalancedServiceConfig(const std::vector<std::string>& safe);

}  // namespace engage::client

#endif  // ENGAGE_COMMON_CLIENT_RETRY_CONFIG_H_
