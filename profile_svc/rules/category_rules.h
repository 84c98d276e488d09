#ifndef ENGAGE_PROFILE_SVC_CATEGORY_RULES_H_
#define ENGAGE_PROFILE_SVC_CATEGORY_RULES_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace engage::profile {

// Profile categories (seed 004): demographic or preference questions with
// fixed answers. Plain data and rules, no I/O.

struct CategoryResponse {
  std::string code;
  std::string description;
  bool is_default = false;
};

struct Category {
  std::string code;
  std::string description;
  bool required = false;
  std::vector<CategoryResponse> responses;
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
};

// CAT-01: at most one default response per category.
absl::Status CheckNewResponse(const Category& category, const CategoryResponse& response);

// CAT-02..04: the form for a profile: only categories with responses, the
// stored answers, defaults pre-filled, blank offered where allowed.
std::vector<FormField> BuildForm(const std::vector<Category>& categories,
                                 const std::map<std::string, std::string>& answers);

// CAT-05: the answers after a save (`stored` overlaid with `submitted`; an
// empty response clears an answer). INVALID_ARGUMENT naming the fields of
// unknown categories or responses, blanks not offered, and every required
// category left unanswered.
absl::StatusOr<std::map<std::string, std::string>> ApplyAnswers(
    const std::vector<Category>& categories, const std::map<std::string, std::string>& stored,
    const std::map<std::string, std::string>& submitted);

// CAT-06: whether saved answers produce outbound profile-data events.
bool SendsProfileData(const CategorySettings& settings);

// CAT-07: whether the answers form is due for a profile.
bool FormIsDue(const std::vector<Category>& categories,
               const std::map<std::string, std::string>& answers, const CategorySettings& settings,
               bool has_primary_alternate_id);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_CATEGORY_RULES_H_
