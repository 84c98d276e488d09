#include "promomats_svc/json_codec.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace engage::promomats {

std::string ToJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

absl::Status FromJson(const std::string& json, google::protobuf::Message* message) {
  auto st = google::protobuf::util::JsonStringToMessage(json, message);
  if (!st.ok()) return absl::InternalError("a stored row does not parse: " + st.ToString());
  return absl::OkStatus();
}

std::string JoinCodes(const std::vector<std::string>& codes) { return absl::StrJoin(codes, ","); }

std::vector<std::string> SplitCodes(const std::string& joined) {
  return absl::StrSplit(joined, ',', absl::SkipEmpty());
}

}  // namespace engage::promomats
