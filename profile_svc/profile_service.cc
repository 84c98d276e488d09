#include "profile_svc/profile_service.h"

#include "common/idempotency/request_key.h"
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/proto_mapping.h"
#include "profile_svc/rules/account_rules.h"
#include "profile_svc/rules/business_card.h"
#include "profile_svc/rules/card_visibility.h"
#include "profile_svc/rules/edit_rules.h"
#include "profile_svc/rules/sign_up_rules.h"

namespace engage::profile {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_SERVICE;

grpc::Status ProfileServiceImpl::UpsertCompany(grpc::ServerContext* context,
                                               const v1::UpsertCompanyRequest* request,
                                               v1::UpsertCompanyResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Text(errors, "name", request->name(), 1, 200);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto company,
                     store_.UpsertCompany(caller.tenant, request->name(), clock_.Now()));
    response->mutable_company()->set_tenant_id(company.tenant_id);
    response->mutable_company()->set_name(company.name);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::CreateFieldUser(grpc::ServerContext* context,
                                                 const v1::CreateFieldUserRequest* request,
                                                 v1::CreateFieldUserResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Text(errors, "request_id", request->request_id(), 1, 64);
    validate::Text(errors, "subject", request->subject(), 1, 128);
    validate::Text(errors, "first_name", request->first_name(), 1, 100);
    validate::Text(errors, "last_name", request->last_name(), 1, 100);
    validate::Email(errors, "email", request->email());
    validate::CountryCode(errors, "country", request->country());
    if (!v1::UserType_IsValid(request->user_type()) ||
        request->user_type() == v1::USER_TYPE_UNSPECIFIED) {
      errors.Add("user_type", "must be USER_TYPE_FIELD_USER or USER_TYPE_ADMIN");
    }
    if (!request->org_id().empty()) OrgId(errors, "org_id", request->org_id());
    if (!errors.empty()) return errors.ToStatus();
    NewFieldUser user{request->request_id(),
                      request->subject(),
                      request->first_name(),
                      request->last_name(),
                      request->email(),
                      request->country(),
                      static_cast<UserType>(request->user_type()),
                      request->org_id(),
                      idempotency::Fingerprint(caller.subject, *request)};
    ASSIGN_OR_RETURN(auto created, store_.CreateFieldUser(caller.tenant, user, ids_.Next(),
                                                          ids_.Next(), clock_.Now()));
    response->set_user_id(created.user_id);
    response->set_profile_id(created.profile_id);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::GetBusinessCard(grpc::ServerContext* context,
                                                 const v1::GetBusinessCardRequest* request,
                                                 v1::GetBusinessCardResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto card, VisibleCard(context, caller, request->profile_id()));
    ToProto(card, response->mutable_card());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::SignUpHcp(grpc::ServerContext* context,
                                           const v1::SignUpHcpRequest* request,
                                           v1::SignUpHcpResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Text(errors, "first_name", request->first_name(), 1, 100);
    validate::Text(errors, "last_name", request->last_name(), 1, 100);
    if (!errors.empty()) return errors.ToStatus();
    // SEC-07: the e-mail is the token's verified one; request.email is ignored.
    ASSIGN_OR_RETURN(auto email, SignUpEmail(caller));
    NewHcp hcp{caller.subject, email, request->first_name(), request->last_name()};
    ASSIGN_OR_RETURN(auto result, store_.SignUpHcp(caller.tenant, hcp, ids_.Next(), clock_.Now()));
    response->set_profile_id(result.profile_id);
    response->set_created(result.created);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::ListBusinessCards(grpc::ServerContext* context,
                                                   const v1::ListBusinessCardsRequest* request,
                                                   v1::ListBusinessCardsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    // SEC-03: an HCP lists staff cards only (a page token of one list does
    // not continue the other).
    const bool staff_only = caller.role == ROLE_HCP;
    const uint64_t query = paging::QueryHash(staff_only ? "cards/staff" : "cards");
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto sources, store_.ListCardSources(caller.tenant, page.after_key,
                                                          page.size + 1, staff_only));
    response->set_next_page_token(
        paging::CutToPage(sources, page, query, [](const auto& s) { return s.profile_id; }));
    for (const auto& card : VisibleCards(context, caller, sources)) {
      if (card.has_value()) ToProto(*card, response->add_cards());
    }
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::UpdateProfile(grpc::ServerContext* context,
                                               const v1::UpdateProfileRequest* request,
                                               v1::UpdateProfileResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    ProfileEdit edit = FromProto(*request);
    ValidateEdit(errors, edit);
    for (const auto& path : edit.paths) {
      if (path == "user_type" && (!v1::UserType_IsValid(request->profile().user_type()) ||
                                  request->profile().user_type() == v1::USER_TYPE_UNSPECIFIED)) {
        errors.Add("profile.user_type", "must be USER_TYPE_FIELD_USER or USER_TYPE_ADMIN");
      }
    }
    if (!errors.empty()) return errors.ToStatus();
    auto done = store_.UpdateProfile(
        caller.tenant, request->profile_id(), edit,
        [&](const EditTarget& target) -> absl::Status {
          // SEC-03: another HCP's profile is not found, not "not yours".
          if (CardVisibility(caller, {target.kind, target.subject}, false) == CardView::kNone) {
            return CardNotFound(request->profile_id());
          }
          return CheckEdit(caller, target, edit.paths);
        },
        clock_.Now());
    if (absl::IsNotFound(done)) return CardNotFound(request->profile_id());
    if (!done.ok()) return done;
    ASSIGN_OR_RETURN(auto card, VisibleCard(context, caller, request->profile_id()));
    ToProto(card, response->mutable_card());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::DeleteProfile(grpc::ServerContext* context,
                                               const v1::DeleteProfileRequest* request,
                                               v1::DeleteProfileResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    if (!errors.empty()) return errors.ToStatus();
    // SEC-03: another HCP's profile is not found, not "not yours".
    auto owner = store_.GetOwner(caller.tenant, request->profile_id());
    if (absl::IsNotFound(owner.status())) return CardNotFound(request->profile_id());
    if (!owner.ok()) return owner.status();
    if (CardVisibility(caller, {owner->kind, owner->subject}, false) == CardView::kNone) {
      return CardNotFound(request->profile_id());
    }
    auto done =
        store_.DeleteHcpProfile(caller.tenant, request->profile_id(), caller.subject, clock_.Now());
    if (!done.ok()) return done;
    // PRF-11: connection_svc's part now; a failure stays queued and is retried.
    erasures_.Deliver(caller.tenant, request->profile_id()).IgnoreError();
    ASSIGN_OR_RETURN(auto card, VisibleCard(context, caller, request->profile_id()));
    ToProto(card, response->mutable_card());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::MergeProfiles(grpc::ServerContext* context,
                                               const v1::MergeProfilesRequest* request,
                                               v1::MergeProfilesResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "losing_profile_id", request->losing_profile_id());
    validate::Id(errors, "winning_profile_id", request->winning_profile_id());
    if (errors.empty() && request->losing_profile_id() == request->winning_profile_id()) {
      errors.Add("winning_profile_id", "must differ from losing_profile_id");
    }
    if (!errors.empty()) return errors.ToStatus();
    auto done = store_.MergeProfiles(caller.tenant, request->losing_profile_id(),
                                     request->winning_profile_id(), clock_.Now());
    if (!done.ok()) return done;
    // PRF-12 as PRF-11: a failure stays queued and is retried.
    erasures_.Deliver(caller.tenant, request->losing_profile_id()).IgnoreError();
    ASSIGN_OR_RETURN(auto card, VisibleCard(context, caller, request->winning_profile_id()));
    ToProto(card, response->mutable_winner());
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
