// ProfileService handlers of the admin side of profile categories (issue
// 17): list, rename, reorder, change a response's text, retire. Creating and
// answering them is in profile_service_company.cc.
#include "absl/strings/str_cat.h"
#include "common/paging/page_token.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "profile_svc/profile_service.h"
#include "profile_svc/rules/category_rules.h"

namespace engage::profile {

using auth::Identity;

namespace {

void ToProto(const Category& c, v1::CategoryDefinition* out) {
  out->set_code(c.code);
  out->set_description(c.description);
  out->set_required(c.required);
  out->set_position(c.position);
  out->set_retired(c.retired);
  for (const auto& r : c.responses) {
    v1::CategoryResponseDefinition* resp = out->add_responses();
    resp->set_code(r.code);
    resp->set_description(r.description);
    resp->set_is_default(r.is_default);
    resp->set_position(r.position);
    resp->set_retired(r.retired);
  }
}

void Position(FieldErrors& errors, const std::string& field, int32_t value) {
  if (value < 0 || value > kMaxCategoryPosition) {
    errors.Add(field, absl::StrCat("must be 0..", kMaxCategoryPosition));
  }
}

void NoPaths(FieldErrors& errors, const google::protobuf::FieldMask& mask) {
  if (mask.paths().empty()) errors.Add("update_mask", "is required: name the fields to change");
}

}  // namespace

grpc::Status ProfileServiceImpl::ListProfileCategories(
    grpc::ServerContext* context, const v1::ListProfileCategoriesRequest* request,
    v1::ListProfileCategoriesResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    const uint64_t query = paging::QueryHash("profile-categories");
    paging::Page page =
        paging::ParsePage(errors, request->page_size(), request->page_token(), query);
    int after_position = -1;
    std::string after_code;
    if (errors.empty() && !page.after_key.empty() &&
        !ParseCategoryPageKey(page.after_key, &after_position, &after_code)) {
      errors.Add("page_token", "is not a token of this list");
    }
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto categories, categories_.ListCategories(caller.tenant, after_position,
                                                                 after_code, page.size + 1));
    response->set_next_page_token(paging::CutToPage(categories, page, query, CategoryPageKey));
    for (const auto& c : categories) ToProto(c, response->add_categories());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::UpdateProfileCategory(
    grpc::ServerContext* context, const v1::UpdateProfileCategoryRequest* request,
    v1::UpdateProfileCategoryResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    CategoryCode(errors, "category_code", request->category_code());
    NoPaths(errors, request->update_mask());
    const v1::CategoryDefinition& in = request->category();
    CategoryChange change;
    for (const auto& path : request->update_mask().paths()) {
      if (path == "description") {
        validate::Text(errors, "category.description", in.description(), 1, 200);
        change.description = in.description();
      } else if (path == "position") {
        Position(errors, "category.position", in.position());
        change.position = in.position();
      } else {
        errors.Add("update_mask",
                   absl::StrCat("\"", path, "\": only description and position change"));
      }
    }
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto c, categories_.UpdateCategory(caller.tenant, request->category_code(),
                                                        change, clock_.Now()));
    ToProto(c, response->mutable_category());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::UpdateCategoryResponse(
    grpc::ServerContext* context, const v1::UpdateCategoryResponseRequest* request,
    v1::UpdateCategoryResponseResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    CategoryCode(errors, "category_code", request->category_code());
    CategoryCode(errors, "response_code", request->response_code());
    NoPaths(errors, request->update_mask());
    const v1::CategoryResponseDefinition& in = request->response();
    ResponseChange change;
    for (const auto& path : request->update_mask().paths()) {
      if (path == "description") {
        validate::Text(errors, "response.description", in.description(), 1, 200);
        change.description = in.description();
      } else if (path == "position") {
        Position(errors, "response.position", in.position());
        change.position = in.position();
      } else if (path == "is_default") {
        change.is_default = in.is_default();
      } else {
        errors.Add("update_mask", absl::StrCat("\"", path,
                                               "\": only description, position and is_default "
                                               "change"));
      }
    }
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto c,
                     categories_.UpdateResponse(caller.tenant, request->category_code(),
                                                request->response_code(), change, clock_.Now()));
    ToProto(c, response->mutable_category());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::RetireProfileCategory(
    grpc::ServerContext* context, const v1::RetireProfileCategoryRequest* request,
    v1::RetireProfileCategoryResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    CategoryCode(errors, "category_code", request->category_code());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(
        auto c, categories_.RetireCategory(caller.tenant, request->category_code(), clock_.Now()));
    ToProto(c, response->mutable_category());
    return absl::OkStatus();
  });
}

grpc::Status ProfileServiceImpl::RetireCategoryResponse(
    grpc::ServerContext* context, const v1::RetireCategoryResponseRequest* request,
    v1::RetireCategoryResponseResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    CategoryCode(errors, "category_code", request->category_code());
    CategoryCode(errors, "response_code", request->response_code());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto c, categories_.RetireResponse(caller.tenant, request->category_code(),
                                                        request->response_code(), clock_.Now()));
    ToProto(c, response->mutable_category());
    return absl::OkStatus();
  });
}

}  // namespace engage::profile
