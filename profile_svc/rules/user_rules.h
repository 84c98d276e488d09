#ifndef ENGAGE_PROFILE_SVC_RULES_USER_RULES_H_
#define ENGAGE_PROFILE_SVC_RULES_USER_RULES_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "common/status/errors.h"
#include "profile_svc/rules/profile_model.h"

namespace engage::profile {

// Finding users (ListUsers) and moving them between CRM orgs (MoveUser):
// plain data and rules, no I/O.

enum class UserState { kAny = 0, kActive = 1, kDeactivated = 2 };

// What ListUsers filters by; empty fields do not filter.
struct UserFilter {
  std::string query;   // prefix of the full name, last name or e-mail, any case
  std::string org_id;  // only users of this org
  UserState state = UserState::kAny;
};

// A User record with the ids an admin acts on.
struct UserRecord {
  std::string user_id;
  std::string profile_id;
  std::string subject;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string country;
  UserType user_type = UserType::kFieldUser;
  std::string org_id;  // empty: in no org
  bool active = true;
  std::string group_id;  // empty: in no group
};

// The longest search query, in code points: longer than any name or e-mail
// prefix worth typing, short enough that no query costs more than its match.
inline constexpr size_t kMaxUserQuery = 100;
// The shortest non-empty query: one letter would match (and sort, on every
// page) a large share of the tenant. An empty query lists in key order.
inline constexpr size_t kMinUserQuery = 2;

// Validates ListUsers' filters, naming the fields.
void CheckUserFilter(FieldErrors& errors, const UserFilter& filter);

// The page-token binding of a filter: a token of one query never continues another.
std::string UserFilterKey(const UserFilter& filter);

// The escape character of LikePrefix's patterns, named in the statement's
// ESCAPE clause: not the backslash, whose meaning in a literal depends on
// NO_BACKSLASH_ESCAPES.
inline constexpr char kLikeEscape = '!';

// `query` as a LIKE pattern matching values that start with it: the LIKE
// wildcards and kLikeEscape in it match themselves.
std::string LikePrefix(const std::string& query);

// MoveUser: only a field user moves between orgs, and only to another org
// than their own (FAILED_PRECONDITION naming the rule otherwise).
absl::Status CheckMove(const UserRecord& user, const std::string& to_org_id);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_RULES_USER_RULES_H_
