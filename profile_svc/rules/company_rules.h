#ifndef ENGAGE_PROFILE_SVC_COMPANY_RULES_H_
#define ENGAGE_PROFILE_SVC_COMPANY_RULES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/status/errors.h"

namespace engage::profile {

// PRF-05: a header colour is six hex digits RRGGBB without '#'. Empty is
// allowed only where `optional`.
void HexColor(FieldErrors& errors, const std::string& field, const std::string& value,
              bool optional);

// PRF-07: medication names, 1..100 characters each, at most 50, no repeats.
void Medications(FieldErrors& errors, const std::string& field,
                 const std::vector<std::string>& names);

// The User record facts PRF-08 checks before a user joins a group.
struct MemberCandidate {
  bool active = false;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string country;
  int user_type = 0;
};

// PRF-08: FAILED_PRECONDITION naming every missing field (and inactivity).
absl::Status CheckGroupMember(const MemberCandidate& user);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_COMPANY_RULES_H_
