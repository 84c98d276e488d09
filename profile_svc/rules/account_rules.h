#ifndef ENGAGE_PROFILE_SVC_ACCOUNT_RULES_H_
#define ENGAGE_PROFILE_SVC_ACCOUNT_RULES_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "common/status/errors.h"

namespace engage::profile {

// Longest merge chain followed. RecordMerge keeps every chain one hop long
// (each loser points at the final winner), so only a history written around
// it can be longer.
constexpr int kMaxMergeHops = 64;

// The winner of a losing account, or nullopt when the account was never merged away.
using WinnerOf = std::function<absl::StatusOr<std::optional<std::string>>(const std::string&)>;

// PRF-10: follows the merge history from `account` to the account that
// finally won. A chain longer than kMaxMergeHops is FAILED_PRECONDITION naming
// PRF-10; a cycle is INTERNAL (the history is acyclic by construction, see
// CheckMerge: only corrupt data has one).
absl::StatusOr<std::string> ResolveMergeChain(const std::string& account,
                                              const WinnerOf& winner_of);

// PRF-10: recording `losing` -> `winning` is refused when both are the same
// account after resolution (that merge would close a cycle).
absl::Status CheckMerge(const std::string& resolved_losing, const std::string& resolved_winning);

// The one answer for an org the caller may not know of: NOT_FOUND "org <id>
// not found", a missing org's and (PRF-09) another org's alike.
absl::Status NoSuchOrg(const std::string& org_id);

// An org id of a Vault CRM instance: exactly 18 letters or digits.
void OrgId(FieldErrors& errors, const std::string& field, const std::string& value);
// A CRM account id: 1..64 letters, digits, '-' or '_'.
void AccountId(FieldErrors& errors, const std::string& field, const std::string& value);

// A DNS name: 1..253 characters of letters, digits, '-' and '.', with a dot.
void Domain(FieldErrors& errors, const std::string& field, const std::string& value);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_ACCOUNT_RULES_H_
