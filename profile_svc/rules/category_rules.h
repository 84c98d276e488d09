#ifndef ENGAGE_PROFILE_SVC_CATEGORY_RULES_H_
#define ENGAGE_PROFILE_SVC_CATEGORY_RULES_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/status/errors.h"

namespace engage::profile {

// Profile categories (seed 004): demographic or preference questions with
// fixed answers. Plain data and rules, no I/O.

struct CategoryResponse {
  std::string code;
  std::string description;
  bool is_default = false;
  // Display order within the category (then code).
  int position = 0;
  // Retired by an admin: no longer offered nor answerable anew; an existing
  // answer keeps reading with its label.
  bool retired = false;
};

struct Category {
  std::string code;
  std::string description;
  bool required = false;
  std::vector<CategoryResponse> responses;
  // Display order (then code).
  int position = 0;
  // Retired by an admin (see CategoryResponse::retired).
  bool retired = false;
};

struct CategorySettings {
  enum class SyncMode { kNone = 1, kInteract = 2 };
  SyncMode sync_mode = SyncMode::kNone;
  bool send_profile_data = false;
  bool alternate_id_required = false;
};

// One question of the answers form.
struct FormField {
  std::string category_code;
  std::string description;
  bool required = false;
  // CAT-04: a blank choice is offered (not required, no default).
  bool offers_blank = false;
  std::vector<CategoryResponse> responses;
  // The stored answer, else the default (CAT-03), else empty.
  std::string selected;
  bool prefilled_default = false;
  // A retired category, shown only because the profile answered it.
  bool retired = false;
};

// CAT-01: at most one default response per category.
absl::Status CheckNewResponse(const Category& category, const CategoryResponse& response);

// CAT-02..04: the form for a profile: only live categories with live
// responses, the stored answers, defaults pre-filled, blank offered where
// allowed. A stored answer to a retired category or response keeps showing
// with its label, marked retired (and a retired category is never required).
std::vector<FormField> BuildForm(const std::vector<Category>& categories,
                                 const std::map<std::string, std::string>& answers);

// CAT-05: the answers after a save (`stored` overlaid with `submitted`; an
// empty response clears an answer). FAILED_PRECONDITION (CAT-02) when an
// answer would newly choose a retired category or response (resubmitting the
// stored answer, or clearing it, is allowed); INVALID_ARGUMENT naming the
// fields of unknown categories or responses, blanks not offered, and every
// required live category left unanswered.
absl::StatusOr<std::map<std::string, std::string>> ApplyAnswers(
    const std::vector<Category>& categories, const std::map<std::string, std::string>& stored,
    const std::map<std::string, std::string>& submitted);

// CAT-06: whether saved answers produce outbound profile-data events.
bool SendsProfileData(const CategorySettings& settings);

// CAT-07: whether the answers form is due for a profile.
bool FormIsDue(const std::vector<Category>& categories,
               const std::map<std::string, std::string>& answers, const CategorySettings& settings,
               bool has_primary_alternate_id);

// A category or response code: 1..64 letters, digits, '_' or '-'.
void CategoryCode(FieldErrors& errors, const std::string& field, const std::string& value);

// Admin edits of categories (issue 17): display positions are 0..10000.
inline constexpr int kMaxCategoryPosition = 10000;

// CAT-01 for an edit: making `response_code` the default of `category` is
// refused when another live response is the default, or when it is retired.
absl::Status CheckDefaultChange(const Category& category, const std::string& response_code);

// The page key of a category in display order, and back (false: not a key).
std::string CategoryPageKey(const Category& category);
bool ParseCategoryPageKey(const std::string& key, int* position, std::string* code);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_CATEGORY_RULES_H_
