#include "connection_svc/connection_service.h"

#include <google/protobuf/util/time_util.h>

#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/validate/text.h"

namespace engage::connection {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using google::protobuf::util::TimeUtil;

grpc::Status ConnectionServiceImpl::ListConnections(grpc::ServerContext* context,
                                                    const v1::ListConnectionsRequest* request,
                                                    v1::ListConnectionsResponse* response) {
  return server::Handle(context, verifier_, [&](const Identity& caller) -> absl::Status {
    if (auto st = auth::RequireRole(caller, {ROLE_ADMIN, ROLE_FIELD_USER, ROLE_HCP}); !st.ok()) {
      return st;
    }
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    const uint64_t query = paging::QueryHash("connections/" + request->profile_id());
    paging::Page page = paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    auto result = store_.ListForProfile(caller.tenant, request->profile_id(), page.after_key, page.size);
    if (!result.ok()) return result.status();
    for (const auto& c : result->connections) {
      v1::Connection* out = response->add_connections();
      out->set_connection_id(c.connection_id);
      out->set_field_user_profile_id(c.field_user_profile_id);
      out->set_hcp_profile_id(c.hcp_profile_id);
      out->set_state(c.active ? v1::CONNECTION_STATE_ACTIVE : v1::CONNECTION_STATE_INACTIVE);
      *out->mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(c.create_time));
      if (!c.active) {
        *out->mutable_inactivation_time() =
            TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(c.inactivation_time));
      }
    }
    if (result->more) {
      response->set_next_page_token(
          paging::MakePageToken(result->connections.back().connection_id, query));
    }
    return absl::OkStatus();
  });
}

}  // namespace engage::connection
