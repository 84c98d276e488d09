#include "common/auth/caller.h"

#include "absl/strings/str_cat.h"

namespace engage::auth {

absl::StatusOr<Identity> Authenticate(const grpc::ServerContextBase& context,
                                      const JwtVerifier& verifier) {
  const auto& md = context.client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return absl::UnauthenticatedError("missing bearer token");
  auto token = BearerToken(std::string(it->second.data(), it->second.size()));
  if (!token.ok()) return token.status();
  return verifier.Verify(*token);
}

absl::Status RequireRole(const Identity& caller, std::initializer_list<Role> roles) {
  for (Role r : roles) {
    if (caller.role == r) return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("role ", RoleName(caller.role), " may not call this method"));
}

}  // namespace engage::auth
