// Invite handlers of ConnectionServiceImpl (CON-01..05, CON-13).
#include "absl/strings/str_cat.h"
#include "common/log/log.h"
#include "common/server/handler.h"
#include "common/status/status_macros.h"
#include "common/validate/text.h"
#include "connection_svc/connection_audit.h"
#include "connection_svc/connection_mapping.h"
#include "connection_svc/connection_service.h"
#include "connection_svc/grpc_profile_directory.h"
#include "connection_svc/qr_code.h"
#include "connection_svc/rules/invite_rules.h"
#include "connection_svc/rules/mail_rules.h"
#include "connection_svc/rules/profile_checks.h"

namespace engage::connection {

using auth::Identity;

namespace {

constexpr size_t kOrgIdLength = 18;

void ValidateToken(FieldErrors& errors, const std::string& token) {
  if (token.empty()) {
    errors.Add("token", "is required");
  } else if (!LooksLikeToken(token)) {
    errors.Add("token", "is not an invite token");
  }
}

// The caller's own authorization header (CON-13: the inviter's card is read
// with it).
std::string Authorization(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("authorization");
  return it == context.client_metadata().end() ? ""
                                               : std::string(it->second.data(), it->second.size());
}

void ValidateAccount(FieldErrors& errors, const std::string& org_id,
                     const std::string& account_id) {
  if (org_id.empty() && account_id.empty()) return;
  if (org_id.size() != kOrgIdLength || !validate::IsValidUtf8(org_id) ||
      validate::CodePoints(org_id) != kOrgIdLength) {
    errors.Add("org_id", "must be the 18-character CRM org id when account_id is set");
  } else {
    for (char c : org_id) {
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        errors.Add("org_id", "must be letters and digits only");
        break;
      }
    }
  }
  // As profile_svc accepts CRM account ids (PRF-09), so the link cannot fail on it later.
  bool ok = !account_id.empty() && account_id.size() <= 64;
  for (char c : account_id) {
    ok = ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                c == '-' || c == '_');
  }
  if (!ok) errors.Add("account_id", "must be 1..64 letters, digits, '-' or '_' when org_id is set");
}

}  // namespace

grpc::Status ConnectionServiceImpl::CreateInvite(grpc::ServerContext* context,
                                                 const v1::CreateInviteRequest* request,
                                                 v1::CreateInviteResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "inviter_profile_id", request->inviter_profile_id());
    const auto channel = request->channel();
    if (!v1::InviteChannel_IsValid(channel) || channel == v1::INVITE_CHANNEL_UNSPECIFIED) {
      errors.Add("channel", "must be APPROVED_EMAIL, LINK or QR_CODE");
    }
    if (channel == v1::INVITE_CHANNEL_APPROVED_EMAIL) {
      validate::Email(errors, "recipient_email", request->recipient_email());
      // CON-13: what reaches an e-mail header is one mailbox, one line.
      errors.Merge(CheckMailbox("recipient_email", request->recipient_email()));
      errors.Merge(CheckRecipientName(request->recipient_name()));
      validate::OptionalText(errors, "email_template_name", request->email_template_name(), 200);
    } else {
      if (!request->recipient_email().empty()) {
        errors.Add("recipient_email", "is only for the APPROVED_EMAIL channel");
      }
      if (!request->recipient_name().empty()) {
        errors.Add("recipient_name", "is only for the APPROVED_EMAIL channel");
      }
      if (!request->email_template_name().empty()) {
        errors.Add("email_template_name", "is only for the APPROVED_EMAIL channel");
      }
    }
    ValidateAccount(errors, request->org_id(), request->account_id());
    if (!errors.empty()) return errors.ToStatus();

    auto owner = Owner(context, caller.tenant, request->inviter_profile_id(), "inviter_profile_id");
    if (!owner.ok()) return owner.status();
    RETURN_IF_ERROR(
        CheckOwnProfile(*owner, caller.subject, ProfileKind::kStaff, "inviter_profile_id"));
    if (!request->org_id().empty()) {
      // An unknown org could never be linked (CON-05): refuse now, not at acceptance.
      auto org = profiles_.CheckOrg(caller.tenant, request->org_id());
      if (absl::IsNotFound(org)) {
        return absl::NotFoundError(
            absl::StrCat("org_id: the company has no CRM org ", request->org_id()));
      }
      if (!org.ok()) return org;
      // SEC-08: and it must be the inviter's own org.
      RETURN_IF_ERROR(CheckInviteOrg(owner->org_id, request->org_id()));
    }
    const std::string token = RandomToken(kInviteTokenBytes);
    if (token.empty())
      return absl::UnavailableError("no secure random source for the invite token");
    const absl::Time now = clock_.Now();
    Invite invite;
    invite.invite_id = ids_.Next();
    invite.channel = static_cast<InviteChannel>(channel);
    invite.inviter_profile_id = request->inviter_profile_id();
    invite.inviter_subject = caller.subject;
    invite.recipient_email = request->recipient_email();
    invite.org_id = request->org_id();
    invite.account_id = request->account_id();
    invite.create_time = now;
    invite.expire_time = now + invite_settings_.ttl;
    invite.state_time = now;
    const std::string link = InviteLink(invite_settings_.link_base, token);
    if (invite.channel == InviteChannel::kQrCode) {
      auto qr = MakeQrCode(link);
      if (!qr.ok()) return qr.status();
      response->set_qr_png(qr->png);
      response->set_qr_svg(qr->svg);
    }
    std::optional<OutgoingMail> mail;
    if (invite.channel == InviteChannel::kApprovedEmail) {
      // CON-13: no template in the inviter's org, no invite.
      ASSIGN_OR_RETURN(mail, mailer_.Compose(caller.tenant, Authorization(*context), *owner,
                                             {request->recipient_email(), request->recipient_name(),
                                              request->email_template_name(), link}));
      invite.mail = {MailState::kPending, now, "", 0};
    }
    // SEC-11: an e-mail goes out through the company's relay, so one field
    // user, and one address, get a daily cap.
    const DailyCaps& caps = invite_settings_.caps;
    InviteMailQuota quota = [&](const InviteMailUse& use) -> absl::Status {
      RETURN_IF_ERROR(CheckDailyCap(use.by_inviter, caps.invite_mails_per_inviter,
                                    "e-mail invites from one inviter", now));
      return CheckDailyCap(use.by_recipient, caps.invite_mails_per_recipient,
                           "e-mail invites to one recipient address", now);
    };
    RETURN_IF_ERROR(invites_.CreateInvite(caller.tenant, invite, HashToken(token),
                                          mail.has_value() ? &*mail : nullptr, quota));
    ToProto(invite, now, response->mutable_invite());
    response->set_link(link);
    return absl::OkStatus();
  });
}

grpc::Status ConnectionServiceImpl::GetInvite(grpc::ServerContext* context,
                                              const v1::GetInviteRequest* request,
                                              v1::GetInviteResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "invite_id", request->invite_id());
    if (!errors.empty()) return errors.ToStatus();
    auto found = invites_.GetInvite(caller.tenant, request->invite_id());
    if (!found.ok() && !absl::IsNotFound(found.status())) return found.status();
    // The inviter's own, or any for an admin (the Gatekeeper let no other role
    // in). Someone else's invite answers exactly as a missing one, so that an
    // id tells nobody it exists.
    if (!found.ok() || (caller.role != auth::kAdmin && found->inviter_subject != caller.subject)) {
      return NoSuchInvite();
    }
    Invite invite = *std::move(found);
    if (invite.channel == InviteChannel::kApprovedEmail) {
      ASSIGN_OR_RETURN(invite.mail, mailer_.DeliveryOf(caller.tenant, invite.invite_id));
    }
    const absl::Time now = clock_.Now();
    ToProto(invite, now, response->mutable_invite());
    // SEC-12: the recipient's e-mail is an HCP's contact data; an admin
    // reading another user's invite leaves a trace.
    if (invite.inviter_subject != caller.subject && !invite.recipient_email.empty()) {
      audit_.Record(InviteEvent(caller.tenant, CallerActor(caller, context), "READ_CONTACT",
                                invite.invite_id, now));
    }
    return absl::OkStatus();
  });
}

grpc::Status ConnectionServiceImpl::RevokeInvite(grpc::ServerContext* context,
                                                 const v1::RevokeInviteRequest* request,
                                                 v1::RevokeInviteResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    validate::Id(errors, "invite_id", request->invite_id());
    if (!errors.empty()) return errors.ToStatus();
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(
        auto invite,
        invites_.CloseInvite(
            caller.tenant, request->invite_id(), "", InviteState::kRevoked,
            [&](const Invite& i) { return CheckRevocable(i, caller.subject, now); }, now));
    audit_.Record(InviteEvent(caller.tenant, CallerActor(caller, context), "INVITE_REVOKE",
                              invite.invite_id, now));
    ToProto(invite, now, response->mutable_invite());
    return absl::OkStatus();
  });
}

absl::Status ConnectionServiceImpl::RevokeIfInviterGone(const grpc::ServerContext* context,
                                                        const Identity& caller,
                                                        const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto invite, invites_.FindInvite(caller.tenant, token_hash));
  const absl::Time now = clock_.Now();
  // Only the invite's recipient may learn about it, and only an open one
  // needs the question (the transaction checks both again).
  RETURN_IF_ERROR(CheckAnswerable(invite, caller.VerifiedEmail(), now));
  auto inviter = callers_.StateOf(caller.tenant, invite.inviter_subject);
  if (!inviter.ok()) {
    return absl::UnavailableError(absl::StrCat(
        "SEC-09: cannot tell whether the inviter may still act: ", inviter.status().message()));
  }
  const absl::Status gone = CheckInviterActive(*inviter);
  if (gone.ok()) return gone;
  auto revoked = invites_.CloseInvite(
      caller.tenant, invite.invite_id, "", InviteState::kRevoked,
      [&](const Invite& i) { return CheckOpen(i, now); }, now);
  if (revoked.ok()) {
    audit_.Record(InviteEvent(caller.tenant, CallerActor(caller, context), "INVITE_REVOKE",
                              revoked->invite_id, now));
  } else if (!absl::IsFailedPrecondition(revoked.status())) {
    return revoked.status();
  }
  return gone;
}

grpc::Status ConnectionServiceImpl::AcceptInvite(grpc::ServerContext* context,
                                                 const v1::AcceptInviteRequest* request,
                                                 v1::AcceptInviteResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    ValidateToken(errors, request->token());
    validate::Id(errors, "hcp_profile_id", request->hcp_profile_id());
    if (!errors.empty()) return errors.ToStatus();
    ASSIGN_OR_RETURN(auto owner,
                     Owner(context, caller.tenant, request->hcp_profile_id(), "hcp_profile_id"));
    RETURN_IF_ERROR(CheckOwnProfile(owner, caller.subject, ProfileKind::kHcp, "hcp_profile_id"));
    const std::string token_hash = HashToken(request->token());
    // SEC-08 (the recipient), then SEC-09 (an inviter who can no longer act:
    // the invite is revoked now).
    RETURN_IF_ERROR(RevokeIfInviterGone(context, caller, token_hash));
    const absl::Time now = clock_.Now();
    ASSIGN_OR_RETURN(auto accepted, invites_.AcceptInvite(
                                        caller.tenant, token_hash, request->hcp_profile_id(),
                                        [&](const Invite& i) {
                                          return CheckAnswerable(i, caller.VerifiedEmail(), now);
                                        },
                                        ids_.Next(), now));
    const AuditActor actor = CallerActor(caller, context);
    audit_.Record(
        InviteEvent(caller.tenant, actor, "INVITE_ACCEPT", accepted.invite.invite_id, now));
    RecordConnectionChange(audit_, caller.tenant, actor, accepted.connected, now);
    if (accepted.invite.link_state == LinkState::kPending) {
      // CON-05. The acceptance stands even when profile_svc cannot link now:
      // the post-processing job retries the link.
      if (auto st = jobs_.LinkAccount(caller.tenant, accepted.invite); !st.ok()) {
        log::Warn("invite account link deferred",
                  {{"invite_id", accepted.invite.invite_id}, {"error", st.ToString()}});
      }
    }
    ToProto(accepted.connected.connection, response->mutable_connection());
    return absl::OkStatus();
  });
}

grpc::Status ConnectionServiceImpl::DeclineInvite(grpc::ServerContext* context,
                                                  const v1::DeclineInviteRequest* request,
                                                  v1::DeclineInviteResponse* response) {
  return server::Handle(context, gate_, [&](const Identity& caller) -> absl::Status {
    FieldErrors errors;
    ValidateToken(errors, request->token());
    if (!errors.empty()) return errors.ToStatus();
    const absl::Time now = clock_.Now();
    // SEC-08: an e-mail invite is declined only by its recipient.
    ASSIGN_OR_RETURN(
        auto invite,
        invites_.CloseInvite(
            caller.tenant, "", HashToken(request->token()), InviteState::kDeclined,
            [&](const Invite& i) { return CheckAnswerable(i, caller.VerifiedEmail(), now); }, now));
    audit_.Record(InviteEvent(caller.tenant, CallerActor(caller, context), "INVITE_DECLINE",
                              invite.invite_id, now));
    ToProto(invite, now, response->mutable_invite());
    // The recipient's address and the e-mail's state are the inviter's
    // business, not the answer's.
    response->mutable_invite()->clear_recipient_email();
    response->mutable_invite()->clear_email_delivery();
    return absl::OkStatus();
  });
}

}  // namespace engage::connection
