#include "connection_svc/rules/invite_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/crypto/sha256.h"
#include "common/status/errors.h"

namespace engage::connection {

std::string HashToken(const std::string& token) { return crypto::Sha256Hex(token); }

bool LooksLikeToken(const std::string& token) {
  if (token.size() != (kInviteTokenBytes * 4 + 2) / 3) return false;
  for (char c : token) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string InviteLink(const std::string& base, const std::string& token) {
  absl::string_view trimmed = base;
  while (!trimmed.empty() && trimmed.back() == '/') trimmed.remove_suffix(1);
  return absl::StrCat(trimmed, "/", token);
}

bool IsExpired(const Invite& invite, absl::Time now) {
  return invite.state == InviteState::kPending && now >= invite.expire_time;
}

absl::Status CheckOpen(const Invite& invite, absl::Time now) {
  const char* why = nullptr;
  switch (invite.state) {
    case InviteState::kAccepted:
      why = "the invite was already used";
      break;
    case InviteState::kDeclined:
      why = "the invite was declined";
      break;
    case InviteState::kRevoked:
      why = "the invite was revoked by the field user";
      break;
    default:
      if (IsExpired(invite, now)) why = "the invite has expired";
      break;
  }
  if (why == nullptr) return absl::OkStatus();
  return WithReason(absl::FailedPreconditionError(why), "CON-03");
}

absl::Status CheckRevocable(const Invite& invite, const std::string& subject, absl::Time now) {
  if (invite.inviter_subject != subject) return NoSuchInvite();
  return CheckOpen(invite, now);
}

absl::Status NoSuchInvite() { return absl::NotFoundError("invite_id: no such invite"); }

absl::Status NoInviteWithToken() { return absl::NotFoundError("token: no invite has this token"); }

absl::Status CheckRecipient(const Invite& invite, const std::string& verified_email) {
  if (invite.channel != InviteChannel::kApprovedEmail) return absl::OkStatus();
  // No verified e-mail, or another one: the caller cannot be its recipient.
  if (verified_email.empty() ||
      absl::AsciiStrToLower(verified_email) != absl::AsciiStrToLower(invite.recipient_email)) {
    return NoInviteWithToken();
  }
  return absl::OkStatus();
}

absl::Status CheckAnswerable(const Invite& invite, const std::string& verified_email,
                             absl::Time now) {
  if (auto st = CheckRecipient(invite, verified_email); !st.ok()) return st;
  return CheckOpen(invite, now);
}

absl::Status CheckInviterActive(auth::CallerState inviter) {
  if (inviter != auth::CallerState::kDeactivated && inviter != auth::CallerState::kRemoved) {
    return absl::OkStatus();
  }
  return WithReason(absl::FailedPreconditionError(
                        "SEC-09: the inviter was deactivated or their profile removed; the "
                        "invite is revoked"),
                    "SEC-09");
}

absl::Status CheckInviteOrg(const std::string& inviter_org_id, const std::string& org_id) {
  // A user in no CRM org has no accounts to invite from.
  if (org_id.empty() || org_id == inviter_org_id) return absl::OkStatus();
  return WithReason(absl::PermissionDeniedError(
                        "SEC-08: org_id: an invite's account must belong to the inviter's own "
                        "CRM org"),
                    "SEC-08");
}

}  // namespace engage::connection
