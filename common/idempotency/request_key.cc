#include "common/idempotency/request_key.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/message.h>

#include "absl/strings/str_cat.h"
#include "common/crypto/sha256.h"
#include "common/status/errors.h"

namespace engage::idempotency {

std::string Fingerprint(const std::string& subject, const google::protobuf::Message& request) {
  // The subject's length first, so no subject and request pair reads as another.
  std::string text = absl::StrCat(subject.size(), ":", subject, ":");
  {
    google::protobuf::io::StringOutputStream raw(&text);
    google::protobuf::io::CodedOutputStream out(&raw);
    out.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&out);
  }
  return crypto::Sha256Hex(text);
}

RequestKey KeyOf(const std::string& request_id, const std::string& subject,
                 const google::protobuf::Message& request) {
  return {request_id, Fingerprint(subject, request)};
}

absl::Status CheckReplay(const std::string& stored, const std::string& given) {
  if (!stored.empty() && stored == given) return absl::OkStatus();
  return WithReason(absl::AlreadyExistsError(
                        "request_id: already used for another request (by another caller, or "
                        "with other content); a replay repeats the first request exactly"),
                    "REQUEST_ID_REUSED");
}

}  // namespace engage::idempotency
