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

}  // namespace engage::auth
