#ifndef ENGAGE_COMMON_AUTH_METHOD_ACCESS_H_
#define ENGAGE_COMMON_AUTH_METHOD_ACCESS_H_

#include <google/protobuf/descriptor.h>

#include <map>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "common/auth/identity.h"

namespace engage::auth {

// What a method's (engage.common.v1.access) option declares (SEC-01): the one
// list of roles that may call it, and whether it is internal (other services
// only, never through the gateway).
struct MethodAccess {
  std::set<Role> allowed_roles;
  bool internal = false;
};

// The declaration of one method, read from its (engage.common.v1.access) option.
MethodAccess AccessOf(const google::protobuf::MethodDescriptor& method);

// "/pkg.Service/Method" -> its declaration, for every method of every service
// in an engage.*.v1 package compiled into this binary. Read once at start
// from the generated descriptors, so adding a method needs no code here.
std::map<std::string, MethodAccess> DeclaredMethodAccess();

// SEC-01 and SEC-02 for one call: PERMISSION_DENIED unless the caller's role
// is declared for the method, a SERVICE token calls an internal method and
// only a SERVICE token does (whatever a declaration lists).
absl::Status CheckRole(const Identity& caller, const MethodAccess& access);

// SEC-02: a SERVICE token bound to one tenant acts on that tenant alone; a
// "*" token on any. PERMISSION_DENIED naming `field` otherwise.
absl::Status CheckServiceTenant(const Identity& caller, const std::string& tenant,
                                const std::string& field = "tenant_id");

}  // namespace engage::auth

#endif  // ENGAGE_COMMON_AUTH_METHOD_ACCESS_H_
