#include "common/auth/method_access.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>

#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engage/common/v1/common.pb.h"

namespace engage::auth {

namespace pb = google::protobuf;

MethodAccess AccessOf(const pb::MethodDescriptor& method) {
  const auto& declared = method.options().GetExtension(engage::common::v1::access);
  MethodAccess access;
  access.internal = declared.internal();
  for (int r : declared.allowed_roles()) access.allowed_roles.insert(static_cast<Role>(r));
  return access;
}

std::map<std::string, MethodAccess> DeclaredMethodAccess() {
  std::map<std::string, MethodAccess> table;
  std::vector<std::string> files;
  pb::DescriptorPool::internal_generated_database()->FindAllFileNames(&files);
  for (const std::string& name : files) {
    if (!absl::StartsWith(name, "engage/")) continue;
    const pb::FileDescriptor* file = pb::DescriptorPool::generated_pool()->FindFileByName(name);
    if (file == nullptr) continue;
    for (int s = 0; s < file->service_count(); ++s) {
      const pb::ServiceDescriptor* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        const pb::MethodDescriptor* method = service->method(m);
        table[absl::StrCat("/", service->full_name(), "/", method->name())] = AccessOf(*method);
      }
    }
  }
  return table;
}

absl::Status CheckRole(const Identity& caller, const MethodAccess& access) {
  const bool service = caller.role == engage::common::v1::ROLE_SERVICE;
  if (service && !access.internal) {
    return absl::PermissionDeniedError(
        "SEC-02: SERVICE tokens call internal methods only, never a public one");
  }
  if (!service && access.internal) {
    return absl::PermissionDeniedError("SEC-02: internal methods take only SERVICE tokens");
  }
  if (access.allowed_roles.count(caller.role) == 0) {
    return absl::PermissionDeniedError(
        absl::StrCat("role ", RoleName(caller.role), " may not call this method"));
  }
  return absl::OkStatus();
}

absl::Status CheckServiceTenant(const Identity& caller, const std::string& tenant,
                                const std::string& field) {
  if (caller.tenant == kAnyTenant || caller.tenant == tenant) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat("SEC-02: this service token is bound to another tenant than ", field));
}

}  // namespace engage::auth
