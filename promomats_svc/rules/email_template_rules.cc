#include "promomats_svc/rules/email_template_rules.h"

#include "absl/strings/str_cat.h"

namespace engage::promomats {

namespace {

std::string Meta(const CrossLink& link, const char* key) {
  auto it = link.metadata.find(key);
  return it == link.metadata.end() ? "" : it->second;
}

}  // namespace

bool IsUsableTemplate(const CrossLink& link) {
  return link.state == CrossLinkState::kActive && link.feature == Feature::kApprovedEmail &&
         link.email_kind == EmailKind::kTemplate &&
         link.lifecycle_state == LifecycleState::kSteady && !Meta(link, kTemplateBodyKey).empty();
}

absl::StatusOr<ApprovedEmailTemplate> PickEmailTemplate(const std::vector<CrossLink>& links,
                                                        const std::string& name) {
  std::vector<const CrossLink*> found;
  for (const auto& link : links) {
    if (!IsUsableTemplate(link) || Meta(link, kInviteTemplateKey) != "true") continue;
    if (name.empty() || link.name == name) found.push_back(&link);
  }
  if (found.empty()) {
    return absl::NotFoundError(
        name.empty() ? "no approved e-mail template marked engage_invite=\"true\" is in the CRM"
                     : absl::StrCat("no approved e-mail template named \"", name,
                                    "\" and marked engage_invite=\"true\" is in the CRM"));
  }
  if (found.size() > 1) {
    return absl::FailedPreconditionError(
        name.empty() ? "several approved e-mail templates are marked engage_invite=\"true\"; name "
                       "one (email_template_name)"
                     : absl::StrCat("several approved e-mail templates are named \"", name, "\""));
  }
  const CrossLink& link = *found.front();
  return ApprovedEmailTemplate{
      link.crm_vault_id, link.source_document_id,         link.source_version,
      link.name,         Meta(link, kTemplateSubjectKey), Meta(link, kTemplateBodyKey)};
}

}  // namespace engage::promomats
