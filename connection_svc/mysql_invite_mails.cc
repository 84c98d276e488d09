#include "connection_svc/mysql_invite_mails.h"

#include "common/status/status_macros.h"

namespace engage::connection {

using mysql::Session;

namespace {

// Column `state` of invite_mails (the generic outbox's numbers).
constexpr int64_t kPending = 0;
constexpr int64_t kSent = 1;
constexpr int64_t kFailed = 2;

}  // namespace

absl::Status QueueInviteMail(Session& s, const std::string& tenant, const std::string& invite_id,
                             const OutgoingMail& mail, absl::Time now) {
  return s
      .Execute(
          "INSERT INTO invite_mails (tenant_id, message_id, order_key, state, attempts, "
          "next_attempt_time, create_time, to_address, to_name, from_name, subject, body) "
          "VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)",
          {tenant, invite_id, invite_id, kPending, now, now, mail.to_address, mail.to_name,
           mail.from_name, mail.content.subject, mail.content.body})
      .status();
}

absl::StatusOr<std::vector<std::string>> MysqlInviteMails::TenantsWithPending() {
  ASSIGN_OR_RETURN(auto rows, pool_.Query("SELECT DISTINCT tenant_id FROM invite_mails WHERE "
                                          "state = ? ORDER BY tenant_id",
                                          {kPending}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.String(0));
  return out;
}

absl::StatusOr<std::vector<std::string>> MysqlInviteMails::Due(const std::string& tenant,
                                                               absl::Time now, int limit) {
  ASSIGN_OR_RETURN(auto rows, pool_.Query("SELECT message_id FROM invite_mails WHERE state = ? AND "
                                          "tenant_id = ? AND next_attempt_time <= ? "
                                          "ORDER BY next_attempt_time, position LIMIT ?",
                                          {kPending, tenant, now, int64_t{limit}}));
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.String(0));
  return out;
}

absl::StatusOr<MailOutbox::Processed> MysqlInviteMails::Process(
    const std::string& tenant, const std::string& invite_id, absl::Time now,
    const std::function<MailAttempt(const QueuedMail&)>& attempt) {
  Processed result = Processed::kSkipped;
  absl::Status st = pool_.Transaction([&](Session& s) -> absl::Status {
    result = Processed::kSkipped;
    // SKIP LOCKED: an e-mail another dispatcher (replica) holds is its job.
    ASSIGN_OR_RETURN(auto rows,
                     s.Query("SELECT state, next_attempt_time, attempts, to_address, to_name, "
                             "from_name, subject, body FROM invite_mails WHERE tenant_id = ? AND "
                             "message_id = ? FOR UPDATE SKIP LOCKED",
                             {tenant, invite_id}));
    if (rows.empty()) return absl::OkStatus();
    const auto& r = rows.front();
    if (r.Int(0) != kPending || r.Time(1) > now) return absl::OkStatus();
    QueuedMail queued{tenant, invite_id, static_cast<int>(r.Int(2)),
                      OutgoingMail{r.String(3), r.String(4), r.String(5),
                                   RenderedMail{r.String(6), r.String(7)}}};
    const MailAttempt done = attempt(queued);
    if (done.sent) {
      result = Processed::kSent;
      return s
          .Execute(
              "UPDATE invite_mails SET state = ?, done_time = ?, last_error = '' "
              "WHERE tenant_id = ? AND message_id = ?",
              {kSent, now, tenant, invite_id})
          .status();
    }
    result = Processed::kFailed;
    const bool given_up = done.retry.state == MailState::kFailed;
    return s
        .Execute(
            "UPDATE invite_mails SET state = ?, attempts = attempts + 1, last_error = ?, "
            "next_attempt_time = ?, done_time = ? WHERE tenant_id = ? AND message_id = ?",
            {given_up ? kFailed : kPending, done.error.substr(0, 1000),
             given_up ? now : done.retry.next_attempt,
             mysql::TimeOrNull(given_up ? now : absl::InfinitePast()), tenant, invite_id})
        .status();
  });
  if (!st.ok()) return st;
  return result;
}

absl::StatusOr<MailDelivery> MysqlInviteMails::DeliveryOf(const std::string& tenant,
                                                          const std::string& invite_id) {
  ASSIGN_OR_RETURN(auto rows,
                   pool_.Query("SELECT state, attempts, last_error, create_time, done_time FROM "
                               "invite_mails WHERE tenant_id = ? AND message_id = ?",
                               {tenant, invite_id}));
  MailDelivery delivery;
  if (rows.empty()) return delivery;
  const auto& r = rows.front();
  const int64_t state = r.Int(0);
  delivery.state = state == kSent     ? MailState::kSent
                   : state == kFailed ? MailState::kFailed
                                      : MailState::kPending;
  // The table counts failed attempts; a sent e-mail took one more.
  delivery.attempts = static_cast<int>(r.Int(1)) + (state == kSent ? 1 : 0);
  delivery.last_error = state == kSent ? "" : r.String(2);
  delivery.state_time = state == kPending || r.IsNull(4) ? r.Time(3) : r.Time(4);
  return delivery;
}

}  // namespace engage::connection
