#include "connection_svc/connection_mapping.h"

#include <google/protobuf/util/time_util.h>

#include "connection_svc/rules/invite_rules.h"

namespace engage::connection {

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

void ToProto(const Connection& c, v1::Connection* out) {
  out->set_connection_id(c.connection_id);
  out->set_field_user_profile_id(c.field_user_profile_id);
  out->set_hcp_profile_id(c.hcp_profile_id);
  out->set_state(c.active ? v1::CONNECTION_STATE_ACTIVE : v1::CONNECTION_STATE_INACTIVE);
  *out->mutable_create_time() = ToTimestamp(c.create_time);
  if (!c.active) *out->mutable_inactivation_time() = ToTimestamp(c.inactivation_time);
}

void ToProto(const Invite& i, absl::Time now, v1::Invite* out) {
  out->set_invite_id(i.invite_id);
  out->set_channel(static_cast<v1::InviteChannel>(i.channel));
  out->set_inviter_profile_id(i.inviter_profile_id);
  out->set_state(IsExpired(i, now) ? v1::INVITE_STATE_EXPIRED
                                   : static_cast<v1::InviteState>(i.state));
  *out->mutable_create_time() = ToTimestamp(i.create_time);
  *out->mutable_expire_time() = ToTimestamp(i.expire_time);
  out->set_recipient_email(i.recipient_email);
  out->set_org_id(i.org_id);
  out->set_account_id(i.account_id);
  if (i.mail.state != MailState::kNone) {
    auto* mail = out->mutable_email_delivery();
    mail->set_state(static_cast<v1::EmailDeliveryState>(i.mail.state));
    *mail->mutable_state_time() = ToTimestamp(i.mail.state_time);
    mail->set_last_error(i.mail.last_error);
    mail->set_attempts(i.mail.attempts);
  }
}

void ToProto(const Change& c, v1::ConnectionChange* out) {
  out->set_sequence(c.sequence);
  out->set_kind(static_cast<v1::ChangeKind>(c.kind));
  out->set_connection_id(c.connection_id);
  out->set_field_user_profile_id(c.field_user_profile_id);
  out->set_hcp_profile_id(c.hcp_profile_id);
  *out->mutable_change_time() = ToTimestamp(c.change_time);
}

}  // namespace engage::connection
