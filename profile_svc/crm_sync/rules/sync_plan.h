#ifndef ENGAGE_PROFILE_SVC_CRM_SYNC_RULES_SYNC_PLAN_H_
#define ENGAGE_PROFILE_SVC_CRM_SYNC_RULES_SYNC_PLAN_H_

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "absl/time/time.h"
#include "profile_svc/crm_sync/rules/sync_model.h"
#include "profile_svc/rules/profile_model.h"

namespace engage::profile::sync {

// What one run writes to an org (SYN-03..06), decided from plain data the
// sync store reads: which profiles and connections get a record, and what
// the record says. No I/O; the store only reads and pages.

// A profile as the sync reads it from Engage.
struct SyncProfile {
  std::string profile_id;
  ProfileKind kind = ProfileKind::kStaff;
  bool removed = false;  // deleted or merged away (PRF-11, PRF-12)
  absl::Time status_time;
  absl::Time update_time;
  absl::Time create_time;
  std::string first_name;
  std::string last_name;
  std::string display_name;
  std::string title;
  std::string degree;
  std::string photo_url;
  absl::Time signup_time = absl::InfinitePast();
  std::string linked_account;  // in this org, before merge resolution
};

// The staff profiles of the org's CRM users (with each one's user id: the
// CRM user's id in the org, SYN-05), and of every CRM user of the company.
struct OrgStaff {
  std::unordered_map<std::string, std::string> of_org;  // staff profile id -> user id
  std::unordered_set<std::string> of_company;
  bool InOrg(const std::string& profile_id) const { return of_org.count(profile_id) > 0; }
  // The CRM user id of the org's user whose staff profile is `profile_id`; empty if none.
  std::string UserIdOf(const std::string& profile_id) const {
    auto it = of_org.find(profile_id);
    return it == of_org.end() ? std::string() : it->second;
  }
  bool InCompany(const std::string& profile_id) const { return of_company.count(profile_id) > 0; }
};

// Per profile: its connections, to org users, to any company user.
struct Ties {
  bool active_to_org = false;
  bool ever_to_org = false;
  bool active_to_company = false;
};

// Adds connection `c` to the ties of its two sides. `TieMap` maps a profile
// id (or a view of one) to its Ties.
template <typename TieMap>
void Tie(TieMap& ties, const MirroredConnection& c, const OrgStaff& staff) {
  Ties& t = ties[c.hcp_profile_id];
  const bool org_user = staff.InOrg(c.field_user_profile_id);
  const bool company_user = staff.InCompany(c.field_user_profile_id);
  t.ever_to_org |= org_user;
  t.active_to_org |= org_user && c.active;
  t.active_to_company |= company_user && c.active;
  if (org_user) {
    Ties& own = ties[c.field_user_profile_id];
    own.ever_to_org = true;
    own.active_to_org |= c.active;
  }
}

// The account an account id now stands for, after merges (PRF-10).
using ResolveAccount = std::function<std::string(const std::string&)>;

// SYN-03, SYN-04, SYN-06: the record profile `p` gets in the org, or nothing
// when it is not synced there. `staff_of_org`: `p` is a CRM user of the org.
std::optional<ProfileWrite> ProfileWriteFor(const SyncProfile& p, const Ties& ties,
                                            bool staff_of_org, const ResolveAccount& resolve,
                                            absl::Time now);

// SYN-05: a connection has a record in the org when its field user is a CRM
// user of that org.
bool ConnectionSynced(const MirroredConnection& c, const OrgStaff& staff);

// SYN-05 / SYN-06: connection `c`'s record, of record type
// User_to_Engage_Profile_vod, from the CRM user `crm_user_id` (the field
// user's User record in the org) to the org's Engage_Profile_vod record of
// the HCP; every connection of a removed HCP (removed at `hcp_removed_at`) is
// deactivated. A connection's "Engage version" for SYN-10 is the feed
// sequence of its last change.
ConnectionWrite ConnectionWriteFor(MirroredConnection c, const std::string& crm_user_id,
                                   const absl::Time* hcp_removed_at);

}  // namespace engage::profile::sync

#endif  // ENGAGE_PROFILE_SVC_CRM_SYNC_RULES_SYNC_PLAN_H_
