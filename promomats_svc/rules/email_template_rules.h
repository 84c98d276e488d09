#ifndef ENGAGE_PROMOMATS_SVC_RULES_EMAIL_TEMPLATE_RULES_H_
#define ENGAGE_PROMOMATS_SVC_RULES_EMAIL_TEMPLATE_RULES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "promomats_svc/rules/pmx_model.h"

namespace engage::promomats {

// Where an approved e-mail template keeps its text (PMX-11): the metadata of
// its document, which approved e-mail CrossLinks carry whole.
inline constexpr char kTemplateSubjectKey[] = "subject";
inline constexpr char kTemplateBodyKey[] = "body";
// Marks the templates connection_svc may send invites with (CON-13): the one
// it takes when the request names none, and every one a request may name.
inline constexpr char kInviteTemplateKey[] = "engage_invite";

// An approved e-mail template as a CRM holds it.
struct ApprovedEmailTemplate {
  std::string crm_vault_id;
  std::string document_id;
  int64_t version = 0;
  std::string name;
  std::string subject;
  std::string body;
};

// Whether `link` is an approved e-mail template in the CRM now: ACTIVE, of the
// APPROVED_EMAIL feature, kind TEMPLATE, approved (STEADY: a NON_STEADY one
// reaches the CRM for review and tests, seed 003, never an HCP), with a body.
bool IsUsableTemplate(const CrossLink& link);

// The template of `links` (the CrossLinks of the org's CRM vaults) to send:
// only usable templates marked kInviteTemplateKey = "true" count; of them the
// one named `name` when it is not empty, else the one. NOT_FOUND when there is none;
// FAILED_PRECONDITION when several are marked (or share the name) and
// nothing tells them apart, so a send never picks one by chance.
absl::StatusOr<ApprovedEmailTemplate> PickEmailTemplate(const std::vector<CrossLink>& links,
                                                        const std::string& name);

}  // namespace engage::promomats

#endif  // ENGAGE_PROMOMATS_SVC_RULES_EMAIL_TEMPLATE_RULES_H_
