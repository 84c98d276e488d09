// Every request of profile_svc's services (ProfileService, AuditService,
// CrmSyncService, CrmOrgService, and the internal one last, so the seeds'
// first bytes keep their methods) from bytes: parse, then the
// checks of its handler that are functions of their own (paging, the profile
// edit's mapping and PRF rules, colours, medications, org, account and domain
// ids). The rest of each handler's validation is written inline in the
// handler and is not callable here (see the README's fuzzing paragraph).
#include <string>
#include <vector>

#include "engage/profile/v1/crm_sync.pb.h"
#include "engage/profile/v1/profile.pb.h"
#include "fuzz/request_fuzz.h"
#include "profile_svc/proto_mapping.h"
#include "profile_svc/rules/account_rules.h"
#include "profile_svc/rules/company_rules.h"
#include "profile_svc/rules/edit_rules.h"

namespace v1 = engage::profile::v1;
namespace profile = engage::profile;
using engage::FieldErrors;
using engage::fuzz::CheckRefusal;

namespace {

void CheckOrg(const std::string& org_id) {
  FieldErrors errors;
  profile::OrgId(errors, "org_id", org_id);
  if (errors.empty()) FUZZ_CHECK(org_id.size() == 18);
  CheckRefusal(errors);
}

void CheckHandlerRules(const google::protobuf::Message& message) {
  FieldErrors errors;
  if (auto* update = dynamic_cast<const v1::UpdateProfileRequest*>(&message)) {
    profile::ProfileEdit edit = profile::FromProto(*update);
    profile::ValidateEdit(errors, edit);
    for (const auto& path : edit.paths) (void)profile::OwnerOf(profile::ProfileKind::kHcp, path);
  } else if (auto* branding = dynamic_cast<const v1::UpdateBrandingRequest*>(&message)) {
    profile::HexColor(errors, "branding.primary_color", branding->branding().primary_color(),
                      false);
    profile::HexColor(errors, "branding.secondary_color", branding->branding().secondary_color(),
                      true);
    profile::Medications(errors, "branding.default_medications",
                         {branding->branding().default_medications().begin(),
                          branding->branding().default_medications().end()});
  } else if (auto* group = dynamic_cast<const v1::CreateGroupRequest*>(&message)) {
    profile::HexColor(errors, "group.primary_color", group->group().primary_color(), true);
    profile::HexColor(errors, "group.secondary_color", group->group().secondary_color(), true);
    profile::Medications(
        errors, "group.medications",
        {group->group().medications().begin(), group->group().medications().end()});
  } else if (auto* org = dynamic_cast<const v1::CreateOrgRequest*>(&message)) {
    profile::OrgId(errors, "org.org_id", org->org().org_id());
    profile::Domain(errors, "org.domain", org->org().domain());
  } else if (auto* link = dynamic_cast<const v1::LinkAccountRequest*>(&message)) {
    profile::OrgId(errors, "org_id", link->org_id());
    profile::AccountId(errors, "account_id", link->account_id());
  } else if (auto* merge = dynamic_cast<const v1::RecordAccountMergeRequest*>(&message)) {
    profile::OrgId(errors, "org_id", merge->org_id());
    profile::AccountId(errors, "losing_account_id", merge->losing_account_id());
    profile::AccountId(errors, "winning_account_id", merge->winning_account_id());
  } else {
    // Every other request naming an org (CreateFieldUser, the CRM sync and
    // CRM org methods) checks it with OrgId.
    const auto* field = message.GetDescriptor()->FindFieldByName("org_id");
    if (field != nullptr && field->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      CheckOrg(message.GetReflection()->GetString(message, field));
    }
  }
  CheckRefusal(errors);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto kTypes = engage::fuzz::RequestTypes(
      {"engage.profile.v1.ProfileService", "engage.profile.v1.AuditService",
       "engage.profile.v1.CrmSyncService", "engage.profile.v1.CrmOrgService",
       "engage.profile.v1.ProfileInternalService"});
  auto request = engage::fuzz::ParseRequest(kTypes, data, size);
  if (request == nullptr) return 0;
  engage::fuzz::CheckPaging(*request);
  CheckHandlerRules(*request);
  return 0;
}
