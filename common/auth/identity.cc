#include "common/auth/identity.h"

namespace engage::auth {

std::string RoleName(Role role) {
  const std::string full = engage::common::v1::Role_Name(role);
  const std::string prefix = "ROLE_";
  return full.rfind(prefix, 0) == 0 ? full.substr(prefix.size()) : full;
}

Role RoleFromName(const std::string& name) {
  Role role = engage::common::v1::ROLE_UNSPECIFIED;
  if (!engage::common::v1::Role_Parse("ROLE_" + name, &role)) {
    return engage::common::v1::ROLE_UNSPECIFIED;
  }
  return role;
}

}  // namespace engage::auth
