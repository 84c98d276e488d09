// SEC-13's claim form (common/auth/claim_form): the checks every verified
// token's tenant, subject and e-mail pass before anything uses them.
// Input: "<role>\n<tenant>\n<subject>\n<email>". Property: CheckClaimForm and
// IsTenantId agree with the forms the header states, written here once more
// as regular expressions (a second reading of the same rule).
#include <algorithm>
#include <regex>
#include <string>

#include "common/auth/claim_form.h"
#include "fuzz/fuzz_support.h"

namespace auth = engage::auth;

namespace {

bool Matches(const std::string& s, const std::regex& re) { return std::regex_match(s, re); }

bool EmailForm(const std::string& e) {
  static const std::regex kEmail("[!-~]{1,254}");
  return Matches(e, kEmail) && std::count(e.begin(), e.end(), '@') == 1 && e.front() != '@' &&
         e.back() != '@';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1024) return 0;  // the forms are at most 254 characters long
  static const std::regex kTenant("[a-z0-9][a-z0-9_-]{0,63}");
  static const std::regex kSubject("[A-Za-z0-9][A-Za-z0-9._@:|+-]{0,127}");
  auto f = engage::fuzz::Split(data, size, '\n', 4);
  auth::Identity id(f[2], auth::RoleFromName(f[0]), f[1], f[3], true);

  const bool tenant_ok = Matches(id.tenant, kTenant);
  FUZZ_CHECK(auth::IsTenantId(id.tenant) == tenant_ok);
  const bool any = id.tenant == auth::kAnyTenant && id.role == auth::kService;
  const bool want = (tenant_ok || any) && Matches(id.subject, kSubject) &&
                    (id.email.empty() || EmailForm(id.email));
  const absl::Status got = auth::CheckClaimForm(id);
  FUZZ_CHECK(got.ok() == want);
  FUZZ_CHECK(got.ok() || absl::IsUnauthenticated(got));
  return 0;
}
