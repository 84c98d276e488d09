#ifndef ENGAGE_FUZZ_REQUEST_FUZZ_H_
#define ENGAGE_FUZZ_REQUEST_FUZZ_H_

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>
#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/util/field_comparator.h>
#include <google/protobuf/util/message_differencer.h>

#include <memory>
#include <string>
#include <vector>

#include "common/paging/page_token.h"
#include "fuzz/fuzz_support.h"

// The frame of the request fuzzers: bytes as a public service receives them.
// The first byte picks one method of the named services (by their compiled
// descriptors, so a new method is fuzzed without a change here); the rest is
// parsed as that method's request message, as gRPC does before a handler
// runs. A parsed request must serialize to bytes that parse to an equal
// message (compared field by field: map entries are written in no fixed
// order unless serialization is deterministic); the callable checks its
// handler applies are then run on it.
namespace engage::fuzz {

inline std::vector<const google::protobuf::Descriptor*> RequestTypes(
    const std::vector<std::string>& services) {
  // protobuf logs every string field with invalid UTF-8 it refuses: noise
  // that slows the run tenfold, not a finding.
  google::protobuf::SetLogHandler(nullptr);
  std::vector<const google::protobuf::Descriptor*> out;
  for (const auto& name : services) {
    const auto* service =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(name);
    FUZZ_CHECK(service != nullptr);
    for (int i = 0; i < service->method_count(); ++i)
      out.push_back(service->method(i)->input_type());
  }
  return out;
}

// The message's bytes with map entries in key order.
inline std::string Deterministic(const google::protobuf::Message& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    FUZZ_CHECK(message.SerializeToCodedStream(&coded));
  }
  return out;
}

// The parsed request, or nullptr when the bytes are not one.
inline std::unique_ptr<google::protobuf::Message> ParseRequest(
    const std::vector<const google::protobuf::Descriptor*>& types, const uint8_t* data,
    size_t size) {
  if (size == 0) return nullptr;
  const auto* prototype = google::protobuf::MessageFactory::generated_factory()->GetPrototype(
      types[data[0] % types.size()]);
  std::unique_ptr<google::protobuf::Message> request(prototype->New());
  if (!request->ParseFromArray(data + 1, static_cast<int>(size - 1))) return nullptr;
  const std::string bytes = Deterministic(*request);
  FUZZ_CHECK(bytes.size() == request->ByteSizeLong());
  std::unique_ptr<google::protobuf::Message> again(prototype->New());
  FUZZ_CHECK(again->ParseFromString(bytes));
  // A NaN (a metric's duration) reads back as NaN, which equals nothing.
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  google::protobuf::util::MessageDifferencer differencer;
  differencer.set_field_comparator(&comparator);
  FUZZ_CHECK(differencer.Compare(*request, *again));
  FUZZ_CHECK(Deterministic(*again) == bytes);
  return request;
}

// Every list request pages with paging::ParsePage over its page_size and
// page_token fields, whatever the service.
inline void CheckPaging(const google::protobuf::Message& request) {
  const auto* d = request.GetDescriptor();
  const auto* size = d->FindFieldByName("page_size");
  const auto* token = d->FindFieldByName("page_token");
  if (size == nullptr || token == nullptr) return;
  const auto* r = request.GetReflection();
  FieldErrors errors;
  auto page = paging::ParsePage(errors, r->GetInt32(request, size), r->GetString(request, token),
                                paging::QueryHash(d->full_name()));
  FUZZ_CHECK(page.size >= 1 && page.size <= paging::kMaxPageSize);
  if (!errors.empty()) FUZZ_CHECK(absl::IsInvalidArgument(errors.ToStatus()));
}

// A check's refusal is INVALID_ARGUMENT naming fields, never anything else.
inline void CheckRefusal(const FieldErrors& errors) {
  if (!errors.empty()) FUZZ_CHECK(absl::IsInvalidArgument(errors.ToStatus()));
}

}  // namespace engage::fuzz

#endif  // ENGAGE_FUZZ_REQUEST_FUZZ_H_
