#include "tests/support/generic_call.h"

#include <grpcpp/generic/generic_stub.h>

#include <future>

#include "tests/support/mesh.h"

namespace engage::testing {

grpc::Status CallRaw(const std::shared_ptr<grpc::Channel>& channel, const std::string& path,
                     const std::string& token, const std::string& request_bytes) {
  grpc::GenericStub stub(channel);
  auto context = Mesh::Context(token);
  grpc::Slice slice(request_bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(context.get(), path, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status s) { done.set_value(std::move(s)); });
  return done.get_future().get();
}

}  // namespace engage::testing
