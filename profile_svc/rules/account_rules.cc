#include "profile_svc/rules/account_rules.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace engage::profile {

absl::StatusOr<std::string> ResolveMergeChain(const std::string& account,
                                              const WinnerOf& winner_of) {
  std::string current = account;
  std::set<std::string> seen{current};
  for (int hop = 0; hop < kMaxMergeHops; ++hop) {
    auto winner = winner_of(current);
    if (!winner.ok()) return winner.status();
    if (!winner->has_value()) return current;
    current = **winner;
    if (!seen.insert(current).second) {
      return absl::InternalError(
          absl::StrCat("account merge history of ", account, " has a cycle"));
    }
  }
  return WithReason(
      absl::FailedPreconditionError(absl::StrCat("PRF-10: the merge chain of account ", account,
                                                 " is longer than ", kMaxMergeHops, " merges")),
      "PRF-10");
}

absl::Status CheckMerge(const std::string& resolved_losing, const std::string& resolved_winning) {
  if (resolved_losing == resolved_winning) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "account ", resolved_losing,
                          " is already the winner of that merge chain; a merge into itself would "
                          "close a cycle")),
                      "PRF-10");
  }
  return absl::OkStatus();
}

absl::Status NoSuchOrg(const std::string& org_id) {
  return absl::NotFoundError(absl::StrCat("org ", org_id, " not found"));
}

namespace {
bool AllOf(const std::string& value, bool (*ok)(char)) {
  for (char c : value) {
    if (!ok(c)) return false;
  }
  return true;
}
}  // namespace

void OrgId(FieldErrors& errors, const std::string& field, const std::string& value) {
  if (value.empty()) {
    errors.Add(field, "is required");
  } else if (value.size() != 18 || !AllOf(value, [](char c) { return absl::ascii_isalnum(c); })) {
    errors.Add(field, "must be an 18-character CRM org id (letters and digits)");
  }
}

void AccountId(FieldErrors& errors, const std::string& field, const std::string& value) {
  if (value.empty()) {
    errors.Add(field, "is required");
  } else if (value.size() > 64 ||
             !AllOf(value, [](char c) { return absl::ascii_isalnum(c) || c == '-' || c == '_'; })) {
    errors.Add(field, "must be 1..64 letters, digits, '-' or '_'");
  }
}

void Domain(FieldErrors& errors, const std::string& field, const std::string& value) {
  if (value.empty()) {
    errors.Add(field, "is required");
  } else if (value.size() > 253 || value.find('.') == std::string::npos || value.front() == '.' ||
             value.back() == '.' ||
             !AllOf(value, [](char c) { return absl::ascii_isalnum(c) || c == '-' || c == '.'; })) {
    errors.Add(field, "must be a domain name such as \"acme.example.com\"");
  }
}

}  // namespace engage::profile
