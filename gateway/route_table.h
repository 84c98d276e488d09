#ifndef ENGAGE_GATEWAY_ROUTE_TABLE_H_
#define ENGAGE_GATEWAY_ROUTE_TABLE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/auth/identity.h"

namespace engage::gateway {

// Where a public method goes and who may call it.
struct Route {
  std::string backend;  // "profile", "connection", "promomats"
  std::set<auth::Role> allowed_roles;
  bool unary = false;  // one request, one response: relayed by UnaryProxyCall
};

// Built from the compiled-in proto descriptors: every method of every service
// in an engage.<backend>.v1 package, with the roles its (engage.common.v1.access)
// option declares. Methods marked internal, or declaring no roles, are left
// out, so they are unreachable through the gateway. Adding a method to a proto
// needs no change here.
class RouteTable {
 public:
  // `backends`: the backend names to route (packages engage.<name>.v1).
  static RouteTable FromDescriptors(const std::vector<std::string>& backends);

  // nullptr when `path` ("/pkg.Service/Method") is not a public method.
  const Route* Find(const std::string& path) const;
  // Full names of the services with at least one public method.
  std::vector<std::string> PublicServices() const;
  // Service full name -> backend, for every routed service.
  const std::map<std::string, std::string>& ServiceBackends() const { return service_backends_; }
  const std::map<std::string, Route>& routes() const { return routes_; }

 private:
  std::map<std::string, Route> routes_;
  std::map<std::string, std::string> service_backends_;
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_ROUTE_TABLE_H_
