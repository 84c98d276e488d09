#include "connection_svc/invite_mailer.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "connection_svc/rules/mail_rules.h"

namespace engage::connection {

namespace {

absl::Status NoTemplate(const std::string& why) {
  return WithReason(absl::FailedPreconditionError(absl::StrCat("CON-13: ", why)), "CON-13");
}

}  // namespace

absl::StatusOr<OutgoingMail> InviteMailer::Compose(const std::string& tenant,
                                                   const std::string& authorization,
                                                   const ProfileOwner& inviter,
                                                   const InviteMailRequest& request) {
  if (inviter.org_id.empty()) {
    return NoTemplate(
        "the inviter is in no CRM org, so no approved e-mail template reached them (PMX-11)");
  }
  auto org = sources_.CrmOrg(tenant, inviter.org_id);
  if (absl::IsNotFound(org.status())) {
    return NoTemplate(absl::StrCat("the inviter's CRM org ", inviter.org_id, " is not registered"));
  }
  if (!org.ok()) return org.status();
  auto tmpl = sources_.Template(tenant, *org, request.template_name);
  if (absl::IsNotFound(tmpl.status()) || absl::IsFailedPrecondition(tmpl.status())) {
    return NoTemplate(absl::StrCat("no approved e-mail template to send in the inviter's CRM org ",
                                   inviter.org_id, ": ", tmpl.status().message()));
  }
  if (!tmpl.ok()) return tmpl.status();
  ASSIGN_OR_RETURN(std::string inviter_name,
                   sources_.InviterName(authorization, inviter.profile_id));
  // A name is user input (the inviter's display name, which they may edit):
  // it reaches the From header and may reach the subject and the body, so it
  // is held to the recipient name's rule.
  RETURN_IF_ERROR(CheckMailName("inviter_name", inviter_name, 200));
  ASSIGN_OR_RETURN(RenderedMail content,
                   RenderInviteMail(*tmpl, {request.link, inviter_name, request.recipient_name}));
  return OutgoingMail{request.recipient_email, request.recipient_name, inviter_name,
                      std::move(content)};
}

absl::StatusOr<MailDelivery> InviteMailer::DeliveryOf(const std::string& tenant,
                                                      const std::string& invite_id) {
  return outbox_.DeliveryOf(tenant, invite_id);
}

}  // namespace engage::connection
