#ifndef ENGAGE_COMMON_SERVER_REFLECTION_SERVICE_H_
#define ENGAGE_COMMON_SERVER_REFLECTION_SERVICE_H_

#include <string>
#include <vector>

#include "common/server/open_streams.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace engage::server {

// Server reflection (v1 and v1alpha, as buf curl and grpcurl ask for either)
// answered from this binary's compiled-in descriptors. It lists exactly the
// services it is given, which lets the gateway describe the public services it
// forwards without implementing them itself.
class ReflectionV1 final : public grpc::reflection::v1::ServerReflection::Service {
 public:
  // `streams` (not owned; null: no bound) bounds the open streams (SEC-11).
  ReflectionV1(std::vector<std::string> services, OpenStreams* streams)
      : services_(std::move(services)), streams_(streams) {}
  grpc::Status ServerReflectionInfo(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<grpc::reflection::v1::ServerReflectionResponse,
                               grpc::reflection::v1::ServerReflectionRequest>* stream) override;

 private:
  std::vector<std::string> services_;
  OpenStreams* streams_;
};

class ReflectionV1Alpha final : public grpc::reflection::v1alpha::ServerReflection::Service {
 public:
  ReflectionV1Alpha(std::vector<std::string> services, OpenStreams* streams)
      : services_(std::move(services)), streams_(streams) {}
  grpc::Status ServerReflectionInfo(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<grpc::reflection::v1alpha::ServerReflectionResponse,
                               grpc::reflection::v1alpha::ServerReflectionRequest>* stream)
      override;

 private:
  std::vector<std::string> services_;
  OpenStreams* streams_;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_REFLECTION_SERVICE_H_
