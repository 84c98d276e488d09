#include "profile_svc/rules/user_rules.h"

#include "absl/strings/str_cat.h"
#include "common/validate/text.h"
#include "profile_svc/rules/account_rules.h"

namespace engage::profile {

void CheckUserFilter(FieldErrors& errors, const UserFilter& filter) {
  validate::OptionalText(errors, "query", filter.query, kMaxUserQuery);
  // A one-letter prefix matches a large share of the tenant, and every page
  // would read and sort all of it.
  if (!filter.query.empty() && validate::CodePoints(filter.query) < kMinUserQuery) {
    errors.Add("query", absl::StrCat("must be empty or at least ", kMinUserQuery, " characters"));
  }
  if (!filter.org_id.empty()) OrgId(errors, "org_id", filter.org_id);
}

std::string UserFilterKey(const UserFilter& filter) {
  // Lengths first, so no two filters spell the same key.
  return absl::StrCat("users\n", filter.query.size(), ":", filter.query, "\n", filter.org_id, "\n",
                      static_cast<int>(filter.state));
}

std::string LikePrefix(const std::string& query) {
  std::string out;
  out.reserve(query.size() + 1);
  for (char c : query) {
    if (c == kLikeEscape || c == '%' || c == '_') out.push_back(kLikeEscape);
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

absl::Status CheckMove(const UserRecord& user, const std::string& to_org_id) {
  if (user.user_type != UserType::kFieldUser) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "user ", user.user_id, " is an admin user: only field users move between CRM orgs")),
        "FIELD_USER_ONLY");
  }
  if (user.org_id == to_org_id) {
    return WithReason(absl::FailedPreconditionError(
                          absl::StrCat("user ", user.user_id, " is already in org ", to_org_id)),
                      "ALREADY_IN_ORG");
  }
  return absl::OkStatus();
}

}  // namespace engage::profile
