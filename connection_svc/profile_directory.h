#ifndef ENGAGE_CONNECTION_SVC_PROFILE_DIRECTORY_H_
#define ENGAGE_CONNECTION_SVC_PROFILE_DIRECTORY_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/rules/connection_model.h"
#include "connection_svc/rules/preview_rules.h"

namespace engage::connection {

struct SignUp {
  std::string cursor;
  std::string profile_id;
  std::string email;
  absl::Time time;
};

// What connection_svc asks profile_svc (it never reads profile tables). Every
// call names the tenant; the call being handled (its deadline, request id and
// trace) carries on through the thread's current call (server::Handle).
// Failures of profile_svc other
// than NOT_FOUND and FAILED_PRECONDITION come back as UNAVAILABLE so they are never mistaken for
// this service's own answer.
class ProfileDirectory {
 public:
  virtual ~ProfileDirectory() = default;

  virtual absl::StatusOr<ProfileOwner> GetOwner(const std::string& tenant,
                                                const std::string& profile_id) = 0;
  // The owners of those of `profile_ids` that exist, by profile id. profile_svc
  // answers in one call; this default asks one by one (test doubles).
  virtual absl::StatusOr<std::map<std::string, ProfileOwner>> GetOwners(
      const std::string& tenant, const std::vector<std::string>& profile_ids) {
    std::map<std::string, ProfileOwner> owners;
    for (const auto& id : profile_ids) {
      auto owner = GetOwner(tenant, id);
      if (absl::IsNotFound(owner.status())) continue;
      if (!owner.ok()) return owner.status();
      owners[id] = *owner;
    }
    return owners;
  }
  // PRF-09 link for CON-05; idempotent. Returns the account actually linked.
  virtual absl::StatusOr<std::string> LinkToAccount(const std::string& tenant,
                                                    const std::string& profile_id,
                                                    const std::string& org_id,
                                                    const std::string& account_id) = 0;
  // HCP sign-ups after `after_cursor`, oldest first (CON-07).
  virtual absl::StatusOr<std::vector<SignUp>> ListSignUps(const std::string& tenant,
                                                          const std::string& after_cursor,
                                                          int page_size) = 0;
  // Profiles removed after `after_cursor`, oldest first (PRF-11, PRF-12).
  virtual absl::StatusOr<std::vector<ProfileRemoval>> ListRemovals(const std::string& tenant,
                                                                   const std::string& after_cursor,
                                                                   int page_size) = 0;
  // OK when the tenant has the CRM org `org_id`; NOT_FOUND when it has not.
  virtual absl::Status CheckOrg(const std::string& tenant, const std::string& org_id) = 0;
  // CON-12: the public part of the staff card `profile_id` (SEC-03), read
  // as the caller whose `authorization` header is given, so profile_svc's
  // own visibility rules decide what it returns.
  virtual absl::StatusOr<InviterCard> GetInviterCard(const std::string& authorization,
                                                     const std::string& profile_id) {
    return absl::UnimplementedError("no business cards in this directory");
  }
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_PROFILE_DIRECTORY_H_
