#include "gateway/route_table.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/auth/method_access.h"

namespace engage::gateway {

namespace pb = google::protobuf;

RouteTable RouteTable::FromDescriptors(const std::vector<std::string>& backends) {
  RouteTable table;
  // Every file compiled into this binary (the gateway links all contracts).
  std::vector<std::string> files;
  pb::DescriptorPool::internal_generated_database()->FindAllFileNames(&files);
  for (const std::string& backend : backends) {
    const std::string prefix = absl::StrCat("engage/", backend, "/v1/");
    for (const std::string& name : files) {
      if (!absl::StartsWith(name, prefix)) continue;
      const pb::FileDescriptor* file = pb::DescriptorPool::generated_pool()->FindFileByName(name);
      if (file == nullptr) continue;
      for (int s = 0; s < file->service_count(); ++s) {
        const pb::ServiceDescriptor* service = file->service(s);
        table.service_backends_[service->full_name()] = backend;
        for (int m = 0; m < service->method_count(); ++m) {
          const pb::MethodDescriptor* method = service->method(m);
          const auth::MethodAccess access = auth::AccessOf(*method);
          if (access.internal || access.allowed_roles.empty()) continue;
          Route route{backend, access.allowed_roles,
                      !method->client_streaming() && !method->server_streaming()};
          table.routes_[absl::StrCat("/", service->full_name(), "/", method->name())] = route;
        }
      }
    }
  }
  return table;
}

const Route* RouteTable::Find(const std::string& path) const {
  auto it = routes_.find(path);
  return it == routes_.end() ? nullptr : &it->second;
}

std::vector<std::string> RouteTable::PublicServices() const {
  std::set<std::string> names;
  for (const auto& [path, route] : routes_) {
    names.insert(path.substr(1, path.rfind('/') - 1));
  }
  return {names.begin(), names.end()};
}

}  // namespace engage::gateway
