// ProfileService handlers of the company's users as an admin finds them
// (ListUsers) and moves them between CRM orgs (MoveUser).
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/profile_service.h"
#include "profile_svc/rules/account_rules.h"
#include "profile_svc/rules/user_rules.h"

namespace engage::profile {

using auth::Identity;

namespace {

void ToProto(const UserRecord& u, v1::UserEntry* out) {
  out->set_user_id(u.user_id);
  out->set_profile_id(u.profile_id);
  out->set_subject(u.subject);
  out->set_first_name(u.first_name);
  out->set_last_name(u.last_name);
  out->set_email(u.email);
  out->set_country(u.country);
  out->set_user_type(static_cast<v1::UserType>(u.user_type));
  out->set_org_id(u.org_id);
  out->set_state(u.active ? v1::USER_STATE_ACTIVE : v1::USER_STATE_DEACTIVATED);
  out->set_group_id(u.group_id);
}

}  // namespace

grpc::Status ProfileServiceImpl::ListUsers(grpc::ServerContext* context,
                                           const v1::ListUsersRequest* request,
                                           v1::ListUsersResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    UserFilter filter{request->query(), request->org_id(), UserState::kAny};
    switch (request->state()) {
      case v1::USER_STATE_UNSPECIFIED:
        break;
      case v1::USER_STATE_ACTIVE:
        filter.state = UserState::kActive;
        break;
      case v1::USER_STATE_DEACTIVATED:
        filter.state = UserState::kDeactivated;
        break;
      default:
        errors.Add("state", "must be USER_STATE_ACTIVE, USER_STATE_DEACTIVATED or unset");
    }
    CheckUserFilter(errors, filter);
    const uint64_t query = paging::QueryHash(UserFilterKey(filter));
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto users,
                     users_.ListUsers(caller.tenant, filter, page.after_key, page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(users, page, query, [](const auto& u) { return u.user_id; }));
    for (const auto& u : users) ToProto(u, response->add_users());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::MoveUser(grpc::ServerContext* context,
                                          const v1::MoveUserRequest* request,
                                          v1::MoveUserResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "user_id", request->user_id());
    OrgId(errors, "org_id", request->org_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto moved,
                     users_.MoveUser(
                         caller.tenant, request->user_id(), request->org_id(),
                         [&](const UserRecord& user) { return CheckMove(user, request->org_id()); },
                         clock_.Now()));
    audit::AuditEvent event;
    event.tenant = caller.tenant;
    event.actor_subject = caller.subject;
    event.actor_role = caller.role;
    event.method = audit::MethodOf(context);
    event.action = "MOVE_USER";
    event.object_type = "PROFILE";
    event.object_id = moved.user.profile_id;
    audit_.Record(std::move(event));
    ToProto(moved.user, response->mutable_user());
    response->set_previous_org_id(moved.previous_org_id);
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
