#include "common/auth/claim_form.h"

#include <algorithm>

namespace engage::auth {
namespace {

bool LowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool Alnum(char c) { return LowerAlnum(c) || (c >= 'A' && c <= 'Z'); }

}  // namespace

bool IsTenantId(const std::string& t) {
  if (t.empty() || t.size() > 64 || !LowerAlnum(t[0])) return false;
  return std::all_of(t.begin(), t.end(),
                     [](char c) { return LowerAlnum(c) || c == '-' || c == '_'; });
}

namespace {

bool SubjectForm(const std::string& s) {
  if (s.empty() || s.size() > 128 || !Alnum(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return Alnum(c) || c == '.' || c == '_' || c == '@' || c == ':' || c == '|' || c == '+' ||
           c == '-';
  });
}

bool EmailForm(const std::string& e) {
  if (e.size() > 254) return false;
  if (std::count(e.begin(), e.end(), '@') != 1) return false;
  const size_t at = e.find('@');
  if (at == 0 || at + 1 == e.size()) return false;
  return std::all_of(e.begin(), e.end(), [](char c) { return c > ' ' && c < 127; });
}

}  // namespace

absl::Status CheckClaimForm(const Identity& identity) {
  const bool any_tenant = identity.tenant == kAnyTenant;
  if (any_tenant && identity.role != engage::common::v1::ROLE_SERVICE) {
    return absl::UnauthenticatedError("invalid token: tenant '*' is for SERVICE tokens only");
  }
  if (!any_tenant && !IsTenantId(identity.tenant)) {
    return absl::UnauthenticatedError(
        "invalid token: tenant claim is not of the form [a-z0-9][a-z0-9_-]{0,63}");
  }
  if (!SubjectForm(identity.subject)) {
    return absl::UnauthenticatedError(
        "invalid token: sub claim is not of the form [A-Za-z0-9][A-Za-z0-9._@:|+-]{0,127}");
  }
  if (!identity.email.empty() && !EmailForm(identity.email)) {
    return absl::UnauthenticatedError("invalid token: email claim is not an e-mail address");
  }
  return absl::OkStatus();
}

}  // namespace engage::auth
