#ifndef ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_
#define ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_

#include <optional>
#include <vector>

#include "common/audit/audit_trail.h"
#include "common/server/gatekeeper.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "profile_svc/account_store.h"
#include "profile_svc/company_store.h"
#include "profile_svc/connection_directory.h"
#include "profile_svc/erasure_dispatcher.h"
#include "profile_svc/group_store.h"
#include "profile_svc/profile_store.h"
#include "profile_svc/rules/business_card.h"

namespace engage::profile {

// gRPC handlers of engage.profile.v1.ProfileService: verify the caller,
// validate the request, apply the rules, map the result.
class ProfileServiceImpl final : public engage::profile::v1::ProfileService::Service {
 public:
  // `connections` answers SEC-03's "is this field user connected to the
  // HCP"; `audit` records reads of HCP contact data (SEC-12).
  ProfileServiceImpl(ProfileStore& store, AccountStore& accounts, CompanyStore& company,
                     GroupStore& groups, ConnectionDirectory& connections,
                     ErasureDispatcher& erasures, audit::AuditTrail& audit,
                     const server::Gatekeeper& gate, const Clock& clock, IdGenerator& ids)
      : store_(store),
        accounts_(accounts),
        company_(company),
        groups_(groups),
        connections_(connections),
        erasures_(erasures),
        audit_(audit),
        gate_(gate),
        clock_(clock),
        ids_(ids) {}

  grpc::Status UpsertCompany(grpc::ServerContext* context, const v1::UpsertCompanyRequest* request,
                             v1::UpsertCompanyResponse* response) override;
  grpc::Status CreateFieldUser(grpc::ServerContext* context,
                               const v1::CreateFieldUserRequest* request,
                               v1::CreateFieldUserResponse* response) override;
  grpc::Status GetBusinessCard(grpc::ServerContext* context,
                               const v1::GetBusinessCardRequest* request,
                               v1::GetBusinessCardResponse* response) override;
  grpc::Status ListBusinessCards(grpc::ServerContext* context,
                                 const v1::ListBusinessCardsRequest* request,
                                 v1::ListBusinessCardsResponse* response) override;
  grpc::Status UpdateProfile(grpc::ServerContext* context, const v1::UpdateProfileRequest* request,
                             v1::UpdateProfileResponse* response) override;
  grpc::Status DeleteProfile(grpc::ServerContext* context, const v1::DeleteProfileRequest* request,
                             v1::DeleteProfileResponse* response) override;
  grpc::Status MergeProfiles(grpc::ServerContext* context, const v1::MergeProfilesRequest* request,
                             v1::MergeProfilesResponse* response) override;
  grpc::Status SignUpHcp(grpc::ServerContext* context, const v1::SignUpHcpRequest* request,
                         v1::SignUpHcpResponse* response) override;

  // Orgs and accounts (profile_service_accounts.cc).
  grpc::Status CreateOrg(grpc::ServerContext* context, const v1::CreateOrgRequest* request,
                         v1::CreateOrgResponse* response) override;
  grpc::Status ListOrgs(grpc::ServerContext* context, const v1::ListOrgsRequest* request,
                        v1::ListOrgsResponse* response) override;

  // Branding, categories (profile_service_company.cc).
  grpc::Status GetBranding(grpc::ServerContext* context, const v1::GetBrandingRequest* request,
                           v1::GetBrandingResponse* response) override;
  grpc::Status UpdateBranding(grpc::ServerContext* context,
                              const v1::UpdateBrandingRequest* request,
                              v1::UpdateBrandingResponse* response) override;
  // Groups and members (profile_service_groups.cc).
  grpc::Status CreateGroup(grpc::ServerContext* context, const v1::CreateGroupRequest* request,
                           v1::CreateGroupResponse* response) override;
  grpc::Status ListGroups(grpc::ServerContext* context, const v1::ListGroupsRequest* request,
                          v1::ListGroupsResponse* response) override;
  grpc::Status AddGroupMember(grpc::ServerContext* context,
                              const v1::AddGroupMemberRequest* request,
                              v1::AddGroupMemberResponse* response) override;
  grpc::Status RemoveGroupMember(grpc::ServerContext* context,
                                 const v1::RemoveGroupMemberRequest* request,
                                 v1::RemoveGroupMemberResponse* response) override;
  grpc::Status UpdateGroup(grpc::ServerContext* context, const v1::UpdateGroupRequest* request,
                           v1::UpdateGroupResponse* response) override;
  grpc::Status DeleteGroup(grpc::ServerContext* context, const v1::DeleteGroupRequest* request,
                           v1::DeleteGroupResponse* response) override;
  grpc::Status ListGroupMembers(grpc::ServerContext* context,
                                const v1::ListGroupMembersRequest* request,
                                v1::ListGroupMembersResponse* response) override;
  grpc::Status LinkAccount(grpc::ServerContext* context, const v1::LinkAccountRequest* request,
                           v1::LinkAccountResponse* response) override;
  grpc::Status UnlinkAccount(grpc::ServerContext* context, const v1::UnlinkAccountRequest* request,
                             v1::UnlinkAccountResponse* response) override;
  grpc::Status RecordAccountMerge(grpc::ServerContext* context,
                                  const v1::RecordAccountMergeRequest* request,
                                  v1::RecordAccountMergeResponse* response) override;
  grpc::Status GetAccountIndicator(grpc::ServerContext* context,
                                   const v1::GetAccountIndicatorRequest* request,
                                   v1::GetAccountIndicatorResponse* response) override;
  grpc::Status CreateProfileCategory(grpc::ServerContext* context,
                                     const v1::CreateProfileCategoryRequest* request,
                                     v1::CreateProfileCategoryResponse* response) override;
  grpc::Status CreateCategoryResponse(grpc::ServerContext* context,
                                      const v1::CreateCategoryResponseRequest* request,
                                      v1::CreateCategoryResponseResponse* response) override;
  grpc::Status UpdateCategorySettings(grpc::ServerContext* context,
                                      const v1::UpdateCategorySettingsRequest* request,
                                      v1::UpdateCategorySettingsResponse* response) override;
  grpc::Status GetProfileAnswers(grpc::ServerContext* context,
                                 const v1::GetProfileAnswersRequest* request,
                                 v1::GetProfileAnswersResponse* response) override;
  grpc::Status SaveProfileAnswers(grpc::ServerContext* context,
                                  const v1::SaveProfileAnswersRequest* request,
                                  v1::SaveProfileAnswersResponse* response) override;
  grpc::Status ListProfileDataEvents(grpc::ServerContext* context,
                                     const v1::ListProfileDataEventsRequest* request,
                                     v1::ListProfileDataEventsResponse* response) override;

 private:
  // SEC-03 per card, SEC-12 per contact read (profile_service_visibility.cc):
  // the cards `caller` may see, composed and cut to their view, in the order
  // of `sources`; nullopt where the card is hidden (read it as NOT_FOUND).
  // Asks connection_svc at most once; if it cannot answer, field users get
  // the public part (fail closed).
  std::vector<std::optional<BusinessCard>> VisibleCards(const grpc::ServerContext* context,
                                                        const auth::Identity& caller,
                                                        const std::vector<CardSource>& sources);
  // One card for `caller`: NOT_FOUND (the same message as a missing profile)
  // when hidden.
  absl::StatusOr<BusinessCard> VisibleCard(const grpc::ServerContext* context,
                                           const auth::Identity& caller,
                                           const std::string& profile_id);
  // SEC-04: the answers of `profile_id` are read and written only by its HCP
  // and the tenant's admins.
  absl::Status RequireAnswersAccess(const auth::Identity& caller, const std::string& profile_id);

  ProfileStore& store_;
  AccountStore& accounts_;
  CompanyStore& company_;
  GroupStore& groups_;
  ConnectionDirectory& connections_;
  ErasureDispatcher& erasures_;
  audit::AuditTrail& audit_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
  IdGenerator& ids_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_
