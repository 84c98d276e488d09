#include "profile_svc/rules/category_rules.h"

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::profile {

absl::Status CheckNewResponse(const Category& category, const CategoryResponse& response) {
  if (!response.is_default) return absl::OkStatus();
  for (const auto& r : category.responses) {
    if (r.is_default && r.code != response.code) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "category ", category.code, " already has the default response ",
                            r.code, "; at most one is default")),
                        "CAT-01");
    }
  }
  return absl::OkStatus();
}

namespace {

const CategoryResponse* DefaultOf(const Category& c) {
  for (const auto& r : c.responses) {
    if (r.is_default) return &r;
  }
  return nullptr;
}

bool HasResponse(const Category& c, const std::string& code) {
  for (const auto& r : c.responses) {
    if (r.code == code) return true;
  }
  return false;
}

}  // namespace

std::vector<FormField> BuildForm(const std::vector<Category>& categories,
                                 const std::map<std::string, std::string>& answers) {
  std::vector<FormField> form;
  for (const auto& c : categories) {
    if (c.responses.empty()) continue;  // CAT-02
    FormField f;
    f.category_code = c.code;
    f.description = c.description;
    f.required = c.required;
    f.responses = c.responses;
    const CategoryResponse* def = DefaultOf(c);
    f.offers_blank = !c.required && def == nullptr;  // CAT-04
    auto it = answers.find(c.code);
    if (it != answers.end()) {
      f.selected = it->second;
    } else if (def != nullptr) {  // CAT-03
      f.selected = def->code;
      f.prefilled_default = true;
    }
    form.push_back(std::move(f));
  }
  return form;
}

absl::StatusOr<std::map<std::string, std::string>> ApplyAnswers(
    const std::vector<Category>& categories, const std::map<std::string, std::string>& stored,
    const std::map<std::string, std::string>& submitted) {
  std::map<std::string, const Category*> offered;
  for (const auto& c : categories) {
    if (!c.responses.empty()) offered[c.code] = &c;
  }
  FieldErrors errors;
  std::map<std::string, std::string> result = stored;
  for (const auto& [code, response] : submitted) {
    const std::string field = absl::StrCat("answers[", code, "]");
    auto it = offered.find(code);
    if (it == offered.end()) {
      errors.Add(field, "is not an offered profile category (CAT-02)");
      continue;
    }
    if (response.empty()) {
      if (it->second->required || DefaultOf(*it->second) != nullptr) {
        errors.Add(field,
                   "a blank answer is offered only for a category that is neither "
                   "required nor has a default (CAT-04)");
      } else {
        result.erase(code);
      }
      continue;
    }
    if (!HasResponse(*it->second, response)) {
      errors.Add(field, absl::StrCat("\"", response, "\" is not a response of this category"));
      continue;
    }
    result[code] = response;
  }
  for (const auto& [code, c] : offered) {
    if (c->required && !result.count(code)) {
      errors.Add(absl::StrCat("answers[", code, "]"), "is required (CAT-05)");
    }
  }
  if (!errors.empty()) return WithReason(errors.ToStatus(), "CAT-05");
  return result;
}

bool SendsProfileData(const CategorySettings& settings) {
  return settings.sync_mode == CategorySettings::SyncMode::kInteract && settings.send_profile_data;
}

bool FormIsDue(const std::vector<Category>& categories,
               const std::map<std::string, std::string>& answers, const CategorySettings& settings,
               bool has_primary_alternate_id) {
  bool any_offered = false;
  bool required_unanswered = false;
  for (const auto& c : categories) {
    if (c.responses.empty()) continue;
    any_offered = true;
    if (c.required && !answers.count(c.code)) required_unanswered = true;
  }
  return any_offered && required_unanswered && settings.alternate_id_required &&
         has_primary_alternate_id;
}

}  // namespace engage::profile
