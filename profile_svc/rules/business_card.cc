#include "profile_svc/rules/business_card.h"

#include "absl/strings/str_cat.h"

namespace engage::profile {

constexpr char kDeletedName[] = "Deleted User";

CardSource CardSourceOf(const CardRow& row) {
  CardSource c;
  c.profile_id = row.profile_id;
  c.kind = row.kind;
  c.deleted = row.deleted;
  c.version = row.version;
  c.update_time = row.update_time;
  c.status_time = row.status_time;
  c.owner_subject = row.owner_subject;
  if (c.kind == ProfileKind::kStaff) {
    c.first_name = row.user_first_name;
    c.last_name = row.user_last_name;
    c.email = row.user_email;
    c.country = row.user_country;
    c.display_name = row.detail_display_name;
    c.title = row.detail_title;
    c.phone = row.detail_phone;
    c.photo_url = row.detail_photo_url;
    c.company_name = row.display_company_name.empty() ? row.company_name : row.display_company_name;
    // PRF-06: branding is company-wide, as it is now, group or not.
    c.primary_color = row.company_primary_color;
    c.secondary_color = row.company_secondary_color;
    c.medications = row.in_group ? row.group_medications : row.company_medications;
  } else {
    c.first_name = row.hcp_first_name;
    c.last_name = row.hcp_last_name;
    c.email = row.hcp_email;
    c.country = row.hcp_country;
    c.display_name = row.hcp_display_name;
    c.title = row.hcp_title;
    c.phone = row.hcp_phone;
    c.photo_url = row.hcp_photo_url;
    c.degree = row.hcp_degree;
    c.practice = row.hcp_practice;
    c.address = row.hcp_address;
  }
  return c;
}

std::string DisplayName(const std::string& display_name, const std::string& first_name,
                        const std::string& last_name) {
  return display_name.empty() ? absl::StrCat(first_name, " ", last_name) : display_name;
}

BusinessCard ComposeCard(const CardSource& source) {
  BusinessCard card;
  card.etag = EtagOf(source.version);
  if (source.deleted) {
    card.fields.profile_id = source.profile_id;
    card.fields.kind = source.kind;
    card.fields.deleted = true;
    card.fields.update_time = source.update_time;
    card.fields.status_time = source.status_time;
    card.display_name = kDeletedName;
    return card;
  }
  card.fields = source;
  card.display_name = DisplayName(source.display_name, source.first_name, source.last_name);
  return card;
}

std::string EtagOf(int64_t version) { return absl::StrCat("W/\"", version, "\""); }

}  // namespace engage::profile
