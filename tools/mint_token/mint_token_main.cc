// engage-mint-token: prints an HS256 bearer token for local runs and tests.
//   engage-mint-token --role ADMIN --tenant acme --subject alice [--ttl-seconds 3600]
//   engage-mint-token --role HCP --tenant acme --subject dr.wilson --email w@x.example
//   --email-verified
// The secret comes from ENGAGE_JWT_HS256_SECRET, as for the servers.
#include <iostream>

#include "common/auth/jwt.h"
#include "common/config/config.h"
#include "common/config/standard_options.h"

int main(int argc, char** argv) {
  engage::config::Options options("engage-mint-token",
                                  "prints a local HS256 token (never for production keys)");
  options.AddString("jwt-hs256-secret", "", "HS256 shared secret", /*secret=*/true);
  options.AddChoice("role", "ADMIN", {"ADMIN", "FIELD_USER", "HCP", "INTEGRATION", "SERVICE"},
                    "role claim");
  options.AddString("tenant", "demo", "tenant claim");
  options.AddString("subject", "demo-admin", "sub claim");
  options.AddString("email", "", "email claim (an HCP's e-mail, SEC-07)");
  options.AddChoice("email-verified", "false", {"false", "true"},
                    "email_verified claim: true when the provider verified the e-mail");
  options.AddInt("ttl-seconds", 3600, 1, 31 * 24 * 3600, "lifetime");
  options.AddString("issuer", "", "iss claim (match the servers' ENGAGE_JWT_ISSUER)");
  options.AddString("audience", "", "aud claim (match the servers' ENGAGE_JWT_AUDIENCE)");
  engage::config::ParseOrExit(options, argc, argv);
  if (options.GetString("jwt-hs256-secret").empty()) {
    engage::config::Fail(argv[0], absl::InvalidArgumentError("set ENGAGE_JWT_HS256_SECRET"));
  }
  engage::auth::Identity identity{options.GetString("subject"),
                                  engage::auth::RoleFromName(options.GetString("role")),
                                  options.GetString("tenant"), options.GetString("email"),
                                  options.GetString("email-verified") == "true"};
  auto token =
      engage::auth::MintHs256(options.GetString("jwt-hs256-secret"), identity, absl::Now(),
                              absl::Seconds(options.GetInt("ttl-seconds")),
                              {options.GetString("issuer"), options.GetString("audience")});
  if (!token.ok()) engage::config::Fail(argv[0], token.status());
  std::cout << *token << "\n";
  return 0;
}
