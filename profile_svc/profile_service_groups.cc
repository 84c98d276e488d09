// ProfileService handlers of Engage Connect Groups and their medications
// (PRF-06..08). Branding is company-wide: a group carries no colours.
#include "common/idempotency/request_key.h"
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/profile_service.h"
#include "profile_svc/rules/company_rules.h"

namespace engage::profile {

using auth::Identity;

namespace {

void ToProto(const GroupData& g, v1::Group* out) {
  out->set_group_id(g.group_id);
  out->set_name(g.name);
  for (const auto& m : g.medications) out->add_medications(m);
}

// PRF-06: a group carries medications only; colours are the company's.
void NoGroupColours(FieldErrors& errors, const v1::Group& in) {
  for (const auto& [field, value] : {std::pair{"group.primary_color", &in.primary_color()},
                                     std::pair{"group.secondary_color", &in.secondary_color()}}) {
    if (!value->empty()) {
      errors.Add(field,
                 "PRF-06: branding is company-wide; a group carries medications only (set the "
                 "colours with UpdateBranding)");
    }
  }
}

}  // namespace

grpc::Status ProfileServiceImpl::CreateGroup(grpc::ServerContext* context,
                                             const v1::CreateGroupRequest* request,
                                             v1::CreateGroupResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const v1::Group& in = request->group();
    validate::Text(errors, "request_id", request->request_id(), 1, 64);
    validate::Text(errors, "group.name", in.name(), 1, 200);
    NoGroupColours(errors, in);
    GroupData g{ids_.Next(), in.name(), {in.medications().begin(), in.medications().end()}};
    Medications(errors, "group.medications", g.medications);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(
        auto created,
        groups_.CreateGroup(caller.tenant,
                            idempotency::KeyOf(request->request_id(), caller.subject, *request), g,
                            request->override_medications(), clock_.Now()));
    ToProto(created, response->mutable_group());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::ListGroups(grpc::ServerContext* context,
                                            const v1::ListGroupsRequest* request,
                                            v1::ListGroupsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const uint64_t query = paging::QueryHash("groups");
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto groups, groups_.ListGroups(caller.tenant, page.after_key, page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(groups, page, query, [](const auto& g) { return g.group_id; }));
    for (const auto& g : groups) ToProto(g, response->add_groups());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::UpdateGroup(grpc::ServerContext* context,
                                             const v1::UpdateGroupRequest* request,
                                             v1::UpdateGroupResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const v1::Group& in = request->group();
    validate::Id(errors, "group_id", request->group_id());
    if (request->update_mask().paths().empty()) {
      errors.Add("update_mask", "is required: name the fields to change (name, medications)");
    }
    GroupChange change;
    for (const auto& path : request->update_mask().paths()) {
      if (path == "name") {
        validate::Text(errors, "group.name", in.name(), 1, 200);
        change.name = in.name();
      } else if (path == "medications") {
        change.medications.emplace(in.medications().begin(), in.medications().end());
        Medications(errors, "group.medications", *change.medications);
      } else if (path == "primary_color" || path == "secondary_color") {
        errors.Add("update_mask",
                   "PRF-06: branding is company-wide; a group's colours cannot be set (use "
                   "UpdateBranding)");
      } else {
        errors.Add("update_mask", "unknown field of Group (name, medications)");
      }
    }
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto updated,
                     groups_.UpdateGroup(caller.tenant, request->group_id(), change, clock_.Now()));
    ToProto(updated, response->mutable_group());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::DeleteGroup(grpc::ServerContext* context,
                                             const v1::DeleteGroupRequest* request,
                                             v1::DeleteGroupResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "group_id", request->group_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(int released,
                     groups_.DeleteGroup(caller.tenant, request->group_id(), clock_.Now()));
    response->set_released_member_count(released);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::ListGroupMembers(grpc::ServerContext* context,
                                                  const v1::ListGroupMembersRequest* request,
                                                  v1::ListGroupMembersResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "group_id", request->group_id());
    // The token is bound to the group: a page of one group never continues another's.
    const uint64_t query = paging::QueryHash("group-members\n" + request->group_id());
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto members, groups_.ListMembers(caller.tenant, request->group_id(),
                                                       page.after_key, page.size + 1));
    response->set_next_page_token(
        paging::CutToPage(members, page, query, [](const auto& m) { return m.user_id; }));
    for (const auto& m : members) {
      v1::GroupMember* out = response->add_members();
      out->set_user_id(m.user_id);
      out->set_profile_id(m.profile_id);
      out->set_first_name(m.first_name);
      out->set_last_name(m.last_name);
      out->set_email(m.email);
    }
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::AddGroupMember(grpc::ServerContext* context,
                                                const v1::AddGroupMemberRequest* request,
                                                v1::AddGroupMemberResponse*) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "group_id", request->group_id());
    validate::Id(errors, "user_id", request->user_id());
    if (!errors.empty()) return errors.ToStatus();
    return groups_.AddGroupMember(caller.tenant, request->group_id(), request->user_id(),
                                  CheckGroupMember, clock_.Now());
  });
}

grpc::Status ProfileServiceImpl::RemoveGroupMember(grpc::ServerContext* context,
                                                   const v1::RemoveGroupMemberRequest* request,
                                                   v1::RemoveGroupMemberResponse*) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "user_id", request->user_id());
    if (!errors.empty()) return errors.ToStatus();
    return groups_.RemoveGroupMember(caller.tenant, request->user_id(), clock_.Now());
  });
}

}  // namespace engage::profile
