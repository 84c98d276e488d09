#include "common/server/reflection_service.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <memory>
#include <set>

#include "common/status/grpc_status.h"

namespace engage::server {
namespace {

namespace pb = google::protobuf;

// Adds `file` and everything it imports, each once, dependencies first.
void CollectFile(const pb::FileDescriptor* file, std::set<std::string>& seen,
                 std::vector<std::string>& out) {
  if (file == nullptr || !seen.insert(file->name()).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) CollectFile(file->dependency(i), seen, out);
  pb::FileDescriptorProto proto;
  file->CopyTo(&proto);
  out.push_back(proto.SerializeAsString());
}

// One answer for both protocol versions: the message shapes are identical.
template <typename Request, typename Response>
void Answer(const Request& request, const std::vector<std::string>& services, Response& response) {
  const pb::DescriptorPool* pool = pb::DescriptorPool::generated_pool();
  *response.mutable_original_request() = request;
  response.set_valid_host(request.host());
  const pb::FileDescriptor* file = nullptr;
  switch (request.message_request_case()) {
    case Request::kListServices:
      for (const auto& name : services) {
        response.mutable_list_services_response()->add_service()->set_name(name);
      }
      return;
    case Request::kFileByFilename:
      file = pool->FindFileByName(request.file_by_filename());
      break;
    case Request::kFileContainingSymbol:
      file = pool->FindFileContainingSymbol(request.file_containing_symbol());
      break;
    case Request::kFileContainingExtension: {
      const auto* type =
          pool->FindMessageTypeByName(request.file_containing_extension().containing_type());
      const auto* ext = type == nullptr
                            ? nullptr
                            : pool->FindExtensionByNumber(
                                  type, request.file_containing_extension().extension_number());
      file = ext == nullptr ? nullptr : ext->file();
      break;
    }
    case Request::kAllExtensionNumbersOfType: {
      const auto* type = pool->FindMessageTypeByName(request.all_extension_numbers_of_type());
      if (type == nullptr) break;
      std::vector<const pb::FieldDescriptor*> extensions;
      pool->FindAllExtensions(type, &extensions);
      auto* numbers = response.mutable_all_extension_numbers_response();
      numbers->set_base_type_name(type->full_name());
      for (const auto* e : extensions) numbers->add_extension_number(e->number());
      return;
    }
    default:
      response.mutable_error_response()->set_error_code(
          static_cast<int>(grpc::StatusCode::UNIMPLEMENTED));
      response.mutable_error_response()->set_error_message("unsupported reflection request");
      return;
  }
  if (file == nullptr) {
    response.mutable_error_response()->set_error_code(
        static_cast<int>(grpc::StatusCode::NOT_FOUND));
    response.mutable_error_response()->set_error_message("not found");
    return;
  }
  std::set<std::string> seen;
  std::vector<std::string> files;
  CollectFile(file, seen, files);
  // The requested file first, as clients expect; then its dependencies.
  auto* fds = response.mutable_file_descriptor_response();
  fds->add_file_descriptor_proto(files.back());
  for (size_t i = 0; i + 1 < files.size(); ++i) fds->add_file_descriptor_proto(files[i]);
}

template <typename Request, typename Response, typename Stream>
grpc::Status Serve(grpc::ServerContext* context, Stream* stream,
                   const std::vector<std::string>& services, OpenStreams* streams) {
  std::unique_ptr<OpenStreams::Held> held;
  if (streams != nullptr) {
    auto taken = streams->Open(*context);
    if (!taken.ok()) return ToGrpcStatus(taken.status());
    held = *std::move(taken);
  }
  Request request;
  while (stream->Read(&request)) {
    Response response;
    Answer(request, services, response);
    if (!stream->Write(response)) break;
  }
  return grpc::Status::OK;
}

}  // namespace

grpc::Status ReflectionV1::ServerReflectionInfo(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<grpc::reflection::v1::ServerReflectionResponse,
                             grpc::reflection::v1::ServerReflectionRequest>* stream) {
  return Serve<grpc::reflection::v1::ServerReflectionRequest,
               grpc::reflection::v1::ServerReflectionResponse>(context, stream, services_,
                                                               streams_);
}

grpc::Status ReflectionV1Alpha::ServerReflectionInfo(
    grpc::ServerContext* context,
    grpc::ServerReaderWriter<grpc::reflection::v1alpha::ServerReflectionResponse,
                             grpc::reflection::v1alpha::ServerReflectionRequest>* stream) {
  return Serve<grpc::reflection::v1alpha::ServerReflectionRequest,
               grpc::reflection::v1alpha::ServerReflectionResponse>(context, stream, services_,
                                                                    streams_);
}

}  // namespace engage::server
