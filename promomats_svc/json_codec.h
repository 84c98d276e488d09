#ifndef ENGAGE_PROMOMATS_SVC_JSON_CODEC_H_
#define ENGAGE_PROMOMATS_SVC_JSON_CODEC_H_

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "absl/status/status.h"

// How the store keeps documents, CrossLinks and batch results in text
// columns: the contract's JSON form, which stays readable in the database.
namespace engage::promomats {

std::string ToJson(const google::protobuf::Message& message);
// INTERNAL when the stored text does not parse (a corrupt row, not a bad request).
absl::Status FromJson(const std::string& json, google::protobuf::Message* message);

// A list of codes without commas, as one comma-separated column.
std::string JoinCodes(const std::vector<std::string>& codes);
std::vector<std::string> SplitCodes(const std::string& joined);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_JSON_CODEC_H_
