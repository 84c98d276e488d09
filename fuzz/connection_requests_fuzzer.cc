// Every request of connection_svc's ConnectionService and (last, so the
// seeds' first bytes keep their methods) ConnectionInternalService from bytes:
// parse, then the checks of its handler that are functions of their own
// (paging, id lists, the invite token's form). The invite handlers' token and
// account checks are in an unnamed namespace and the rest is inline in the
// handlers: not callable here (see the README's fuzzing paragraph).
#include <string>

#include "common/validate/text.h"
#include "connection_svc/rules/invite_rules.h"
#include "engage/connection/v1/connection.pb.h"
#include "fuzz/request_fuzz.h"

namespace v1 = engage::connection::v1;
namespace connection = engage::connection;
using engage::FieldErrors;

namespace {

void CheckToken(const std::string& token) {
  if (connection::LooksLikeToken(token)) {
    // A token the service would look up: its hash is what the store keeps.
    FUZZ_CHECK(!connection::HashToken(token).empty());
    FUZZ_CHECK(connection::HashToken(token) == connection::HashToken(token));
  }
}

void CheckHandlerRules(const google::protobuf::Message& message) {
  FieldErrors errors;
  if (auto* batch = dynamic_cast<const v1::BatchGetConnectionStatusesRequest*>(&message)) {
    engage::validate::Id(errors, "field_user_profile_id", batch->field_user_profile_id());
    engage::validate::IdList(errors, "hcp_profile_ids", batch->hcp_profile_ids(), 1, 100);
  } else if (auto* accept = dynamic_cast<const v1::AcceptInviteRequest*>(&message)) {
    CheckToken(accept->token());
  } else if (auto* decline = dynamic_cast<const v1::DeclineInviteRequest*>(&message)) {
    CheckToken(decline->token());
  }
  engage::fuzz::CheckRefusal(errors);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto kTypes = engage::fuzz::RequestTypes(
      {"engage.connection.v1.ConnectionService", "engage.connection.v1.ConnectionInternalService"});
  auto request = engage::fuzz::ParseRequest(kTypes, data, size);
  if (request == nullptr) return 0;
  engage::fuzz::CheckPaging(*request);
  CheckHandlerRules(*request);
  return 0;
}
