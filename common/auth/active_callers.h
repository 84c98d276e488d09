#ifndef ENGAGE_COMMON_AUTH_ACTIVE_CALLERS_H_
#define ENGAGE_COMMON_AUTH_ACTIVE_CALLERS_H_

#include <mutex>
#include <string>
#include <unordered_map>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/identity.h"
#include "common/time/clock.h"

namespace engage::auth {

// What the mesh knows of a token's subject (SEC-09).
enum class CallerState {
  kUnknown,  // no user and no profile (an admin of the identity provider, an HCP before sign-up)
  kActive,
  kDeactivated,  // the admin deactivated the user
  kRemoved,      // the profile was deleted or merged away
};

// Where the state comes from: profile_svc's tables, or profile_svc over RPC
// for the other services.
class CallerDirectory {
 public:
  virtual ~CallerDirectory() = default;
  virtual absl::StatusOr<CallerState> StateOf(const std::string& tenant,
                                              const std::string& subject) = 0;
};

// SEC-09: refuses a deactivated user or a removed profile on every call. The
// answer for a subject is kept `ttl` (default 5 s), so a deactivation reaches
// every replica within that bound; a directory that cannot answer refuses the
// call (UNAVAILABLE) rather than let it through.
class ActiveCallers {
 public:
  ActiveCallers(CallerDirectory& directory, const Clock& clock,
                absl::Duration ttl = absl::Seconds(5));

  // OK for roles without a record of their own (INTEGRATION, SERVICE) and for
  // active or unknown subjects; PERMISSION_DENIED naming SEC-09 otherwise.
  absl::Status Check(const Identity& caller);

 private:
  struct Entry {
    CallerState state;
    absl::Time expiry;
  };
  CallerDirectory& directory_;
  const Clock& clock_;
  absl::Duration ttl_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;
};

}  // namespace engage::auth

#endif  // ENGAGE_COMMON_AUTH_ACTIVE_CALLERS_H_
