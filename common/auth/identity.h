#ifndef ENGAGE_COMMON_AUTH_IDENTITY_H_
#define ENGAGE_COMMON_AUTH_IDENTITY_H_

#include <string>
#include <utility>

#include "engage/common/v1/common.pb.h"

namespace engage::auth {

using Role = engage::common::v1::Role;
// The roles by name, for rules and models, which never spell a wire type.
inline constexpr Role kNoRole = engage::common::v1::ROLE_UNSPECIFIED;
inline constexpr Role kAdmin = engage::common::v1::ROLE_ADMIN;
inline constexpr Role kFieldUser = engage::common::v1::ROLE_FIELD_USER;
inline constexpr Role kHcp = engage::common::v1::ROLE_HCP;
inline constexpr Role kIntegration = engage::common::v1::ROLE_INTEGRATION;
inline constexpr Role kService = engage::common::v1::ROLE_SERVICE;

// A verified caller: who (subject), as what (role), for which company (tenant),
// and the e-mail the identity provider vouches for (claims `email` and
// `email_verified`; SEC-07: an HCP's e-mail only ever comes from here).
struct Identity {
  Identity() = default;
  Identity(std::string subject_claim, Role role_claim, std::string tenant_claim,
           std::string email_claim = "", bool email_claim_verified = false)
      : subject(std::move(subject_claim)),
        role(role_claim),
        tenant(std::move(tenant_claim)),
        email(std::move(email_claim)),
        email_verified(email_claim_verified) {}

  std::string subject;
  Role role = kNoRole;
  std::string tenant;
  std::string email;
  bool email_verified = false;

  // The e-mail when the provider verified it, else empty.
  std::string VerifiedEmail() const { return email_verified ? email : std::string(); }
};

// The tenant claim of a SERVICE token that may act for every tenant.
inline constexpr char kAnyTenant[] = "*";

// "ADMIN" <-> ROLE_ADMIN, as roles are written in tokens.
std::string RoleName(Role role);
Role RoleFromName(const std::string& name);

}  // namespace engage::auth

#endif  // ENGAGE_COMMON_AUTH_IDENTITY_H_
