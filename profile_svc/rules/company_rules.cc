#include "profile_svc/rules/company_rules.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/validate/text.h"

namespace engage::profile {

void HexColor(FieldErrors& errors, const std::string& field, const std::string& value,
              bool optional) {
  if (value.empty()) {
    if (!optional) errors.Add(field, "is required (RRGGBB)");
    return;
  }
  bool ok = value.size() == 6;
  for (char c : value) ok = ok && absl::ascii_isxdigit(c);
  if (!ok) errors.Add(field, "must be six hex digits RRGGBB without '#' (PRF-05)");
}

void Medications(FieldErrors& errors, const std::string& field,
                 const std::vector<std::string>& names) {
  if (names.size() > 50) errors.Add(field, "at most 50 medications");
  std::set<std::string> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string item = absl::StrCat(field, "[", i, "]");
    validate::Text(errors, item, names[i], 1, 100);
    if (!seen.insert(names[i]).second) errors.Add(item, "is listed twice");
  }
}

absl::Status CheckGroupMember(const MemberCandidate& user) {
  std::vector<std::string> missing;
  if (user.first_name.empty()) missing.push_back("first_name");
  if (user.last_name.empty()) missing.push_back("last_name");
  if (user.email.empty()) missing.push_back("email");
  if (user.country.empty()) missing.push_back("country");
  if (user.user_type == 0) missing.push_back("user_type");
  if (!user.active) missing.push_back("active");
  if (missing.empty()) return absl::OkStatus();
  return WithReason(absl::FailedPreconditionError(absl::StrCat(
                        "a group member must be an active user with first name, last name, "
                        "email, country and user type; missing: ",
                        absl::StrJoin(missing, ", "))),
                    "PRF-08");
}

}  // namespace engage::profile
