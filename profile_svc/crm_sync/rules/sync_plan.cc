#include "profile_svc/crm_sync/rules/sync_plan.h"

#include <utility>

#include "profile_svc/rules/business_card.h"

namespace engage::profile::sync {

std::optional<ProfileWrite> ProfileWriteFor(const SyncProfile& p, const Ties& ties,
                                            bool staff_of_org, const ResolveAccount& resolve,
                                            absl::Time now) {
  const bool staff = p.kind == ProfileKind::kStaff;
  const bool linked = !p.linked_account.empty();
  const std::string record_type = staff ? kStaffRecordType : kHcpRecordType;
  if (staff && !staff_of_org) return std::nullopt;  // staff of another org
  if (p.removed) {
    // SYN-06: a removed profile that ever belonged to the org becomes a tombstone.
    if (ties.ever_to_org || linked) {
      return ProfileWrite{Tombstone(p.profile_id, record_type, now), p.update_time};
    }
    return std::nullopt;
  }
  const bool synced = SyncsToOrg(ties.active_to_org, linked, ties.active_to_company) ||
                      ties.ever_to_org;  // keep records current
  if (!synced) return std::nullopt;
  ProfileRecord r;
  r.external_id = p.profile_id;
  r.record_type = record_type;
  r.account_id = linked ? resolve(p.linked_account) : "";
  r.connection_status = "ACTIVE";
  r.connection_status_time = p.status_time;
  r.degree = p.degree;
  r.display_name = DisplayName(p.display_name, p.first_name, p.last_name);
  r.signup_time = p.signup_time;
  r.first_name = p.first_name;
  r.last_name = p.last_name;
  r.photo_url = p.photo_url;
  r.title = p.title;
  return ProfileWrite{std::move(r), p.update_time};
}

bool ConnectionSynced(const MirroredConnection& c, const OrgStaff& staff) {
  return staff.InOrg(c.field_user_profile_id);
}

ConnectionWrite ConnectionWriteFor(MirroredConnection c, const std::string& crm_user_id,
                                   const absl::Time* hcp_removed_at) {
  ConnectionRecord r;
  r.external_id = std::move(c.connection_id);
  r.from_user_id = crm_user_id;
  r.to_profile_external_id = std::move(c.hcp_profile_id);
  r.active = c.active;
  r.inactivation_time = c.inactivation_time;
  if (hcp_removed_at != nullptr && r.active) {
    r.active = false;
    r.inactivation_time = *hcp_removed_at;
  }
  return {std::move(r), absl::FromUnixMicros(c.changed_sequence)};
}

}  // namespace engage::profile::sync
