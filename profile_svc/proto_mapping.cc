#include "profile_svc/proto_mapping.h"

#include <google/protobuf/util/time_util.h>

namespace engage::profile {

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  if (t == absl::InfinitePast()) return google::protobuf::Timestamp();
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

void ToProto(const Org& org, v1::Org* out) {
  out->set_org_id(org.org_id);
  out->set_type(static_cast<v1::OrgType>(org.type));
  out->set_domain(org.domain);
}

void ToProto(const BusinessCard& card, v1::BusinessCard* out) {
  const CardSource& f = card.fields;
  out->set_profile_id(f.profile_id);
  out->set_kind(static_cast<v1::ProfileKind>(f.kind));
  out->set_display_name(card.display_name);
  out->set_first_name(f.first_name);
  out->set_last_name(f.last_name);
  out->set_email(f.email);
  out->set_country(f.country);
  out->set_title(f.title);
  out->set_phone(f.phone);
  out->set_photo_url(f.photo_url);
  out->set_company_name(f.company_name);
  *out->mutable_update_time() = ToTimestamp(f.update_time);
  out->set_etag(card.etag);
  out->set_degree(f.degree);
  out->set_practice(f.practice);
  out->set_address(f.address);
  out->set_primary_color(f.primary_color);
  out->set_secondary_color(f.secondary_color);
  for (const auto& m : f.medications) out->add_medications(m);
  out->set_status(f.deleted ? v1::PROFILE_STATUS_DELETED : v1::PROFILE_STATUS_ACTIVE);
  if (f.deleted) *out->mutable_status_time() = ToTimestamp(f.status_time);
}

ProfileEdit FromProto(const v1::UpdateProfileRequest& request) {
  ProfileEdit edit;
  edit.paths.assign(request.update_mask().paths().begin(), request.update_mask().paths().end());
  const v1::ProfileFields& p = request.profile();
  ProfileFields& f = edit.fields;
  f.first_name = p.first_name();
  f.last_name = p.last_name();
  f.email = p.email();
  f.country = p.country();
  f.user_type = static_cast<UserType>(p.user_type());
  f.active = p.active();
  f.can_edit_details = p.can_edit_details();
  f.display_name = p.display_name();
  f.photo_url = p.photo_url();
  f.phone = p.phone();
  f.title = p.title();
  f.degree = p.degree();
  f.practice = p.practice();
  f.address = p.address();
  f.alternate_id = p.alternate_id();
  edit.etag = request.etag();
  return edit;
}

void ToProto(const ProfileOwner& owner, v1::GetProfileOwnerResponse* out) {
  out->set_profile_id(owner.profile_id);
  out->set_kind(static_cast<v1::ProfileKind>(owner.kind));
  out->set_subject(owner.subject);
  out->set_deleted(owner.deleted);
  out->set_org_id(owner.org_id);
}

}  // namespace engage::profile
