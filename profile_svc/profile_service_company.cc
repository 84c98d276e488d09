// ProfileService handlers of branding (PRF-05) and profile categories
// (CAT-01..07); groups are in profile_service_groups.cc.
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/profile_service.h"
#include "profile_svc/proto_mapping.h"
#include "profile_svc/rules/answers_access.h"
#include "profile_svc/rules/category_rules.h"
#include "profile_svc/rules/company_rules.h"

namespace engage::profile {

using auth::Identity;
using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;
using engage::common::v1::ROLE_INTEGRATION;

namespace {

void ToProto(const BrandingData& b, v1::Branding* out) {
  out->set_primary_color(b.primary_color);
  out->set_secondary_color(b.secondary_color);
  out->set_company_name(b.company_name);
  for (const auto& m : b.default_medications) out->add_default_medications(m);
}

// A category or response code: 1..64 letters, digits, '_' or '-'.
void Code(FieldErrors& errors, const std::string& field, const std::string& value) {
  FieldErrors local;
  validate::Text(local, field, value, 1, 64);
  if (!local.empty()) {
    errors.Merge(local.ToStatus());
    return;
  }
  for (char c : value) {
    if (!(absl::ascii_isalnum(c) || c == '_' || c == '-')) {
      errors.Add(field, "must hold letters, digits, '_' or '-' only");
      return;
    }
  }
}

}  // namespace

grpc::Status ProfileServiceImpl::GetBranding(grpc::ServerContext* context,
                                             const v1::GetBrandingRequest*,
                                             v1::GetBrandingResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    ASSIGN_OR_RETURN(auto b, company_.GetBranding(caller.tenant));
    ToProto(b, response->mutable_branding());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::UpdateBranding(grpc::ServerContext* context,
                                                const v1::UpdateBrandingRequest* request,
                                                v1::UpdateBrandingResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const v1::Branding& in = request->branding();
    BrandingData data{in.primary_color(),
                      in.secondary_color(),
                      in.company_name(),
                      {in.default_medications().begin(), in.default_medications().end()}};
    std::vector<std::string> paths(request->update_mask().paths().begin(),
                                   request->update_mask().paths().end());
    if (paths.empty()) errors.Add("update_mask", "is required: name the fields to change");
    for (const auto& path : paths) {
      if (path == "primary_color") {
        HexColor(errors, "branding.primary_color", data.primary_color, false);
      } else if (path == "secondary_color") {
        HexColor(errors, "branding.secondary_color", data.secondary_color, true);
      } else if (path == "company_name") {
        validate::OptionalText(errors, "branding.company_name", data.company_name, 200);
      } else if (path == "default_medications") {
        Medications(errors, "branding.default_medications", data.default_medications);
      } else {
        errors.Add("update_mask", "unknown field of Branding");
      }
    }
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto b, company_.UpdateBranding(caller.tenant, data, paths, clock_.Now()));
    ToProto(b, response->mutable_branding());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::CreateProfileCategory(
    grpc::ServerContext* context, const v1::CreateProfileCategoryRequest* request,
    v1::CreateProfileCategoryResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const v1::ProfileCategory& in = request->category();
    Code(errors, "category.code", in.code());
    validate::Text(errors, "category.description", in.description(), 1, 200);
    if (!errors.empty()) return errors.ToStatus();
    auto st = company_.CreateCategory(
        caller.tenant, {in.code(), in.description(), in.required(), {}}, clock_.Now());
    if (!st.ok()) return st;
    *response->mutable_category() = in;
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::CreateCategoryResponse(
    grpc::ServerContext* context, const v1::CreateCategoryResponseRequest* request,
    v1::CreateCategoryResponseResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const v1::CategoryResponse& in = request->response();
    Code(errors, "category_code", request->category_code());
    Code(errors, "response.code", in.code());
    validate::Text(errors, "response.description", in.description(), 1, 200);
    if (!errors.empty()) return errors.ToStatus();
    auto st = company_.CreateResponse(caller.tenant, request->category_code(),
                                      {in.code(), in.description(), in.is_default()}, clock_.Now());
    if (!st.ok()) return st;
    *response->mutable_response() = in;
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::UpdateCategorySettings(
    grpc::ServerContext* context, const v1::UpdateCategorySettingsRequest* request,
    v1::UpdateCategorySettingsResponse*) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    if (!v1::EngagementSyncMode_IsValid(request->sync_mode()) ||
        request->sync_mode() == v1::ENGAGEMENT_SYNC_MODE_UNSPECIFIED) {
      return InvalidField("sync_mode", "must be ENGAGEMENT_SYNC_MODE_NONE or _INTERACT");
    }
    CategorySettings settings;
    settings.sync_mode = request->sync_mode() == v1::ENGAGEMENT_SYNC_MODE_INTERACT
                             ? CategorySettings::SyncMode::kInteract
                             : CategorySettings::SyncMode::kNone;
    settings.send_profile_data = request->send_profile_data();
    settings.alternate_id_required = request->alternate_id_required();
    return company_.UpdateCategorySettings(caller.tenant, settings, clock_.Now());
  });
}

grpc::Status ProfileServiceImpl::GetProfileAnswers(grpc::ServerContext* context,
                                                   const v1::GetProfileAnswersRequest* request,
                                                   v1::GetProfileAnswersResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(RequireAnswersAccess(caller, request->profile_id()));
    ASSIGN_OR_RETURN(auto view, company_.GetAnswers(caller.tenant, request->profile_id()));
    for (const auto& f : BuildForm(view.categories, view.answers)) {
      v1::ProfileAnswerField* out = response->add_fields();
      out->set_category_code(f.category_code);
      out->set_description(f.description);
      out->set_required(f.required);
      out->set_offers_blank(f.offers_blank);
      for (const auto& r : f.responses) {
        v1::CategoryResponse* resp = out->add_responses();
        resp->set_code(r.code);
        resp->set_description(r.description);
        resp->set_is_default(r.is_default);
      }
      out->set_selected_response_code(f.selected);
      out->set_prefilled_default(f.prefilled_default);
    }
    response->set_due(
        FormIsDue(view.categories, view.answers, view.settings, view.has_primary_alternate_id));
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::SaveProfileAnswers(grpc::ServerContext* context,
                                                    const v1::SaveProfileAnswersRequest* request,
                                                    v1::SaveProfileAnswersResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "profile_id", request->profile_id());
    std::map<std::string, std::string> submitted;
    for (int i = 0; i < request->answers_size(); ++i) {
      const auto& a = request->answers(i);
      const std::string field = absl::StrCat("answers[", i, "]");
      Code(errors, field + ".category_code", a.category_code());
      if (!a.response_code().empty()) Code(errors, field + ".response_code", a.response_code());
      if (!submitted.emplace(a.category_code(), a.response_code()).second) {
        errors.Add(field + ".category_code", "is answered twice");
      }
    }
    if (!errors.empty()) return errors.ToStatus();
    RETURN_IF_ERROR(RequireAnswersAccess(caller, request->profile_id()));
    auto events = company_.SaveAnswers(
        caller.tenant, request->profile_id(),
        // SEC-04 again under the lock: the answer to RequireAnswersAccess holds.
        [&](const std::string& owner) {
          return CheckAnswersAccess(caller, request->profile_id(), owner);
        },
        [&](const CompanyStore::AnswersView& view) {
          return ApplyAnswers(view.categories, view.answers, submitted);
        },
        [&] { return ids_.Next(); }, clock_.Now());
    if (!events.ok()) return events.status();
    response->set_events_written(*events);
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::ListProfileDataEvents(
    grpc::ServerContext* context, const v1::ListProfileDataEventsRequest* request,
    v1::ListProfileDataEventsResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const uint64_t query = paging::QueryHash("profile-data-events");
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto events,
                     company_.ListPendingEvents(caller.tenant, page.after_key, page.size + 1));
    const bool more = static_cast<int>(events.size()) > page.size;
    if (more) events.pop_back();
    for (const auto& e : events) {
      v1::ProfileDataEvent* out = response->add_events();
      out->set_event_id(e.event_id);
      out->set_profile_id(e.profile_id);
      out->set_category_code(e.category_code);
      out->set_response_code(e.response_code);
      *out->mutable_create_time() = ToTimestamp(e.create_time);
    }
    if (more) response->set_next_page_token(paging::MakePageToken(events.back().event_id, query));
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
