#include "profile_svc/profile_service.h"

#include <google/protobuf/util/time_util.h>

#include "common/server/handler.h"
#include "common/validate/text.h"
#include "profile_svc/business_card.h"

namespace engage::profile {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_SERVICE;
using google::protobuf::util::TimeUtil;

grpc::Status ProfileServiceImpl::UpsertCompany(grpc::ServerContext* context,
                                               const v1::UpsertCompanyRequest* request,
                                               v1::UpsertCompanyResponse* response) {
  return server::Handle(context, verifier_, [&](const Identity& caller) -> absl::Status {
    if (auto st = auth::RequireRole(caller, {ROLE_ADMIN}); !st.ok()) return st;
    FieldErrors errors;
    validate::Text(errors, "name", request->name(), 1, 200);
    if (!errors.empty()) return errors.ToStatus();
    auto company = store_.UpsertCompany(caller.tenant, request->name(), clock_.Now());
    if (!company.ok()) return company.status();
    response->mutable_company()->set_tenant_id(company->tenant_id);
    response->mutable_company()->set_name(company->name);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::CreateFieldUser(grpc::ServerContext* context,
                                                 const v1::CreateFieldUserRequest* request,
                                                 v1::CreateFieldUserResponse* response) {
  return server::Handle(context, verifier_, [&](const Identity& caller) -> absl::Status {
    if (auto st = auth::RequireRole(caller, {ROLE_ADMIN}); !st.ok()) return st;
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
    if (!errors.empty()) return errors.ToStatus();
    NewFieldUser user{request->request_id(), request->subject(),   request->first_name(),
                      request->last_name(),  request->email(),     request->country(),
                      static_cast<UserType>(request->user_type())};
    auto created = store_.CreateFieldUser(caller.tenant, user, ids_.Next(), ids_.Next(), clock_.Now());
    if (!created.ok()) return created.status();
    response->set_user_id(created->user_id);
    response->set_profile_id(created->profile_id);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::GetBusinessCard(grpc::ServerContext* context,
                                                 const v1::GetBusinessCardRequest* request,
                                                 v1::GetBusinessCardResponse* response) {
  return server::Handle(context, verifier_, [&](const Identity& caller) -> absl::Status {
    if (auto st = auth::RequireRole(caller, {ROLE_ADMIN, ROLE_FIELD_USER, ROLE_HCP, ROLE_SERVICE});
        !st.ok()) {
      return st;
    }
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    if (!errors.empty()) return errors.ToStatus();
    auto source = store_.GetCardSource(caller.tenant, request->profile_id());
    if (!source.ok()) return source.status();
    BusinessCard card = ComposeCard(*source);
    v1::BusinessCard* out = response->mutable_card();
    out->set_profile_id(card.fields.profile_id);
    out->set_kind(static_cast<v1::ProfileKind>(card.fields.kind));
    out->set_display_name(card.display_name);
    out->set_first_name(card.fields.first_name);
    out->set_last_name(card.fields.last_name);
    out->set_email(card.fields.email);
    out->set_country(card.fields.country);
    out->set_title(card.fields.title);
    out->set_phone(card.fields.phone);
    out->set_photo_url(card.fields.photo_url);
    out->set_company_name(card.fields.company_name);
    *out->mutable_update_time() =
        TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(card.fields.update_time));
    out->set_etag(card.etag);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::SignUpHcp(grpc::ServerContext* context,
                                           const v1::SignUpHcpRequest* request,
                                           v1::SignUpHcpResponse* response) {
  return server::Handle(context, verifier_, [&](const Identity& caller) -> absl::Status {
    if (auto st = auth::RequireRole(caller, {ROLE_HCP}); !st.ok()) return st;
    FieldErrors errors;
    validate::Email(errors, "email", request->email());
    validate::Text(errors, "first_name", request->first_name(), 1, 100);
    validate::Text(errors, "last_name", request->last_name(), 1, 100);
    if (!errors.empty()) return errors.ToStatus();
    NewHcp hcp{caller.subject, request->email(), request->first_name(), request->last_name()};
    auto result = store_.SignUpHcp(caller.tenant, hcp, ids_.Next(), clock_.Now());
    if (!result.ok()) return result.status();
    response->set_profile_id(result->profile_id);
    response->set_created(result->created);
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
