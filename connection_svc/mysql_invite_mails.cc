#include "connection_svc/mysql_invite_mails.h"

#include "common/status/status_macros.h"

namespace engage::connection {

namespace {
enum Payload { kToAddress, kToName, kFromName, kSubject, kBody, kColumns };
}  // namespace

const outbox::OutboxTable& InviteMailsTable() {
  static const outbox::OutboxTable* table =
      new outbox::OutboxTable{"invite_mails",
                              "message_id",
                              "order_key",
                              "position",
                              "state",
                              "done_time",
                              {"to_address", "to_name", "from_name", "subject", "body"},
                              // CON-13: the body holds the raw invite link (invites keep only
                              // the token's hash); it, and the name in it, go once the e-mail
                              // is done. GetInvite's delivery view needs only state, times,
                              // attempts and last_error; the address stays for PRF-11's erasure.
                              {"to_name", "subject", "body"}};
  return *table;
}

absl::Status QueueInviteMail(mysql::Session& s, const std::string& tenant,
                             const std::string& invite_id, const OutgoingMail& mail,
                             absl::Time now) {
  outbox::NewMessage m;
  m.tenant = tenant;
  m.id = invite_id;
  m.key = invite_id;
  m.payload = {mail.to_address, mail.to_name, mail.from_name, mail.content.subject,
               mail.content.body};
  m.now = now;
  return outbox::Enqueue(s, InviteMailsTable(), m);
}

OutgoingMail MailOf(const outbox::Message& m) {
  OutgoingMail mail;
  if (m.payload.size() != kColumns) return mail;  // the table's own columns: cannot happen
  mail.to_address = m.payload[kToAddress];
  mail.to_name = m.payload[kToName];
  mail.from_name = m.payload[kFromName];
  mail.content.subject = m.payload[kSubject];
  mail.content.body = m.payload[kBody];
  return mail;
}

absl::StatusOr<MailDelivery> MysqlInviteMails::DeliveryOf(const std::string& tenant,
                                                          const std::string& invite_id) {
  outbox::ListFilter by_invite;
  by_invite.key = invite_id;
  ASSIGN_OR_RETURN(auto rows, store_.List(tenant, by_invite, "", 1));
  MailDelivery delivery;
  if (rows.empty()) return delivery;
  const outbox::Status& r = rows.front();
  const bool sent = r.state == outbox::State::kSent;
  delivery.state = sent                                ? MailState::kSent
                   : r.state == outbox::State::kFailed ? MailState::kFailed
                                                       : MailState::kPending;
  // The outbox counts failed attempts; a sent e-mail took one more.
  delivery.attempts = r.attempts + (sent ? 1 : 0);
  delivery.last_error = sent ? "" : r.last_error;
  delivery.state_time = r.state == outbox::State::kPending || r.done_time == absl::InfinitePast()
                            ? r.create_time
                            : r.done_time;
  return delivery;
}

}  // namespace engage::connection
