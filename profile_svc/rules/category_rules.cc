#include "profile_svc/rules/category_rules.h"

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status/errors.h"
#include "common/validate/text.h"

namespace engage::profile {

absl::Status CheckNewResponse(const Category& category, const CategoryResponse& response) {
  if (!response.is_default) return absl::OkStatus();
  for (const auto& r : category.responses) {
    if (r.is_default && !r.retired && r.code != response.code) {
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
    if (r.is_default && !r.retired) return &r;
  }
  return nullptr;
}

const CategoryResponse* ResponseOf(const Category& c, const std::string& code) {
  for (const auto& r : c.responses) {
    if (r.code == code) return &r;
  }
  return nullptr;
}

// CAT-02: a category is offered when it is live and has a live response.
bool Offered(const Category& c) {
  if (c.retired) return false;
  for (const auto& r : c.responses) {
    if (!r.retired) return true;
  }
  return false;
}

}  // namespace

std::vector<FormField> BuildForm(const std::vector<Category>& categories,
                                 const std::map<std::string, std::string>& answers) {
  std::vector<FormField> form;
  for (const auto& c : categories) {
    auto it = answers.find(c.code);
    const CategoryResponse* answered = it == answers.end() ? nullptr : ResponseOf(c, it->second);
    const bool offered = Offered(c);
    if (!offered && answered == nullptr) continue;  // CAT-02
    FormField f;
    f.category_code = c.code;
    f.description = c.description;
    if (!offered) {
      // Retired: the stored answer keeps reading with its label, nothing else.
      f.retired = true;
      f.responses = {*answered};
      f.selected = answered->code;
      form.push_back(std::move(f));
      continue;
    }
    f.required = c.required;
    for (const auto& r : c.responses) {
      if (!r.retired || &r == answered) f.responses.push_back(r);
    }
    const CategoryResponse* def = DefaultOf(c);
    f.offers_blank = !c.required && def == nullptr;  // CAT-04
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
  std::map<std::string, const Category*> known;
  for (const auto& c : categories) known[c.code] = &c;
  // Retired choices first: they are refused as a state of the company, not
  // as a malformed request.
  FieldErrors retired;
  for (const auto& [code, response] : submitted) {
    auto it = known.find(code);
    if (it == known.end() || response.empty()) continue;
    auto was = stored.find(code);
    if (was != stored.end() && was->second == response) continue;  // unchanged
    const std::string field = absl::StrCat("answers[", code, "]");
    const CategoryResponse* r = ResponseOf(*it->second, response);
    if (it->second->retired) {
      retired.Add(field, absl::StrCat("category ", code, " is retired and no longer offered"));
    } else if (r != nullptr && r->retired) {
      retired.Add(field, absl::StrCat("response ", response, " is retired and no longer offered"));
    }
  }
  if (!retired.empty()) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "CAT-02: ", retired.ToStatus().message(),
                          " (a retired category or response cannot be answered anew)")),
                      "CAT-02");
  }
  FieldErrors errors;
  std::map<std::string, std::string> result = stored;
  for (const auto& [code, response] : submitted) {
    const std::string field = absl::StrCat("answers[", code, "]");
    auto it = known.find(code);
    const bool offered = it != known.end() && Offered(*it->second);
    auto was = stored.find(code);
    const bool unchanged = was != stored.end() && was->second == response;
    if (!offered) {
      // A stored answer of a category no longer offered may be kept or cleared.
      if (it != known.end() && (unchanged || (response.empty() && was != stored.end()))) {
        if (response.empty()) result.erase(code);
        continue;
      }
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
    if (ResponseOf(*it->second, response) == nullptr) {
      errors.Add(field, absl::StrCat("\"", response, "\" is not a response of this category"));
      continue;
    }
    result[code] = response;
  }
  for (const auto& [code, c] : known) {
    if (Offered(*c) && c->required && !result.count(code)) {
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
    if (!Offered(c)) continue;
    any_offered = true;
    if (c.required && !answers.count(c.code)) required_unanswered = true;
  }
  return any_offered && required_unanswered && settings.alternate_id_required &&
         has_primary_alternate_id;
}

absl::Status CheckDefaultChange(const Category& category, const std::string& response_code) {
  const CategoryResponse* r = ResponseOf(category, response_code);
  if (r != nullptr && r->retired) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "CAT-01: response ", response_code, " is retired and cannot be default")),
                      "CAT-01");
  }
  CategoryResponse wanted;
  wanted.code = response_code;
  wanted.is_default = true;
  absl::Status st = CheckNewResponse(category, wanted);
  if (st.ok()) return st;
  return WithReason(absl::FailedPreconditionError(absl::StrCat("CAT-01: ", st.message())),
                    "CAT-01");
}

void CategoryCode(FieldErrors& errors, const std::string& field, const std::string& value) {
  FieldErrors local;
  validate::Text(local, field, value, 1, 64);
  if (!local.empty()) {
    errors.Merge(local.ToStatus());
    return;
  }
  for (char c : value) {
    if (!(absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) {
      errors.Add(field, "must hold letters, digits, '_' or '-' only");
      return;
    }
  }
}

std::string CategoryPageKey(const Category& category) {
  return absl::StrFormat("%05d:%s", category.position, category.code);
}

bool ParseCategoryPageKey(const std::string& key, int* position, std::string* code) {
  if (key.size() < 7 || key[5] != ':') return false;
  for (size_t i = 0; i < 5; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(key[i]))) return false;
  }
  if (!absl::SimpleAtoi(key.substr(0, 5), position)) return false;
  *code = key.substr(6);
  return true;
}

}  // namespace engage::profile
