#ifndef ENGAGE_PROFILE_SVC_PROFILE_MODEL_H_
#define ENGAGE_PROFILE_SVC_PROFILE_MODEL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace engage::profile {

// Plain data of profile_svc's domain, free of gRPC and SQL.

enum class ProfileKind { kStaff = 1, kHcp = 2 };
enum class UserType { kFieldUser = 1, kAdmin = 2 };

struct Company {
  std::string tenant_id;
  std::string name;
};

// The admin-owned User record (PRF-02).
struct NewFieldUser {
  std::string request_id;
  std::string subject;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string country;
  UserType user_type = UserType::kFieldUser;
  std::string org_id;  // empty: in no org yet
  // idempotency::Fingerprint of the request: a replay of request_id must match.
  std::string request_hash;
};

struct CreatedUser {
  std::string user_id;
  std::string profile_id;
};

// Everything a business card is composed from, as stored.
struct CardSource {
  std::string profile_id;
  ProfileKind kind = ProfileKind::kStaff;
  // Whom the profile belongs to (never shown; SEC-03 decides with it).
  std::string owner_subject;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string country;
  std::string display_name;
  std::string title;
  std::string phone;
  std::string photo_url;
  std::string company_name;
  std::string degree;
  std::string practice;
  std::string address;
  std::string primary_color;
  std::string secondary_color;
  std::vector<std::string> medications;
  bool deleted = false;
  int64_t version = 0;
  absl::Time update_time;
  absl::Time status_time = absl::InfinitePast();
};

// A card as stored, before the rules choose what it shows (business_card):
// the profile, its user's (staff) or its own (HCP) details, and every
// branding that could apply.
struct CardRow {
  std::string profile_id;
  ProfileKind kind = ProfileKind::kStaff;
  std::string owner_subject;
  bool deleted = false;
  int64_t version = 0;
  absl::Time update_time;
  absl::Time status_time = absl::InfinitePast();
  // Staff: the admin-owned user and the user's own details.
  std::string user_first_name;
  std::string user_last_name;
  std::string user_email;
  std::string user_country;
  std::string detail_display_name;
  std::string detail_title;
  std::string detail_phone;
  std::string detail_photo_url;
  // HCP: the HCP's own details.
  std::string hcp_first_name;
  std::string hcp_last_name;
  std::string hcp_email;
  std::string hcp_country;
  std::string hcp_display_name;
  std::string hcp_title;
  std::string hcp_phone;
  std::string hcp_photo_url;
  std::string hcp_degree;
  std::string hcp_practice;
  std::string hcp_address;
  // The company's branding (PRF-05), and the user's group, if any: it carries
  // medications only (PRF-06).
  std::string company_name;
  std::string display_company_name;
  std::string company_primary_color;
  std::string company_secondary_color;
  std::vector<std::string> company_medications;
  bool in_group = false;
  std::vector<std::string> group_medications;
};

// The editable fields of a profile; which of them change is named by paths.
struct ProfileFields {
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string country;
  UserType user_type = UserType::kFieldUser;
  bool active = true;
  bool can_edit_details = true;
  std::string display_name;
  std::string photo_url;
  std::string phone;
  std::string title;
  std::string degree;
  std::string practice;
  std::string address;
  std::string alternate_id;
};

struct ProfileEdit {
  std::vector<std::string> paths;
  ProfileFields fields;
  std::string etag;
};

// What the ownership rules (PRF-03, PRF-04) need to know of the edited profile.
struct EditTarget {
  ProfileKind kind = ProfileKind::kStaff;
  std::string subject;
  bool can_edit_details = false;
  bool deleted = false;
};

// An HCP signing themselves up (PRF-01); the subject comes from the token.
struct NewHcp {
  std::string subject;
  std::string email;
  std::string first_name;
  std::string last_name;
};

struct SignUpResult {
  std::string profile_id;
  bool created = false;
};

// The per-tenant gap-free feeds other services read by cursor.
enum class Feed { kSignUps = 1, kRemovals = 2 };

struct FeedEntry {
  int64_t sequence = 0;
  std::string profile_id;
  std::string email;        // sign-ups
  std::string merged_into;  // removals by merge (PRF-12)
  absl::Time time;
};

enum class OrgType { kProduction = 1, kSandbox = 2 };

// A CRM org (Vault CRM instance) of a company.
struct Org {
  std::string org_id;
  OrgType type = OrgType::kProduction;
  std::string domain;
};

struct ProfileOwner {
  std::string profile_id;
  ProfileKind kind = ProfileKind::kStaff;
  std::string subject;
  bool deleted = false;
  std::string org_id;  // staff profiles: their user's CRM org, if any
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_MODEL_H_
