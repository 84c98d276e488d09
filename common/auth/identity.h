#ifndef ENGAGE_COMMON_AUTH_IDENTITY_H_
#define ENGAGE_COMMON_AUTH_IDENTITY_H_

#include <string>

#include "engage/common/v1/common.pb.h"

namespace engage::auth {

using Role = engage::common::v1::Role;

// A verified caller: who (subject), as what (role), for which company (tenant).
struct Identity {
  std::string subject;
  Role role = engage::common::v1::ROLE_UNSPECIFIED;
  std::string tenant;
};

// "ADMIN" <-> ROLE_ADMIN, as roles are written in tokens.
std::string RoleName(Role role);
Role RoleFromName(const std::string& name);

}  // namespace engage::auth

#endif  // ENGAGE_COMMON_AUTH_IDENTITY_H_
