#ifndef ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_
#define ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_

#include <optional>
#include <vector>

#include "common/audit/audit_trail.h"
#include "common/server/gatekeeper.h"
#include "common/server/unary_method.h"
#include "common/time/clock.h"
#include "common/time/id_generator.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "profile_svc/account_store.h"
#include "profile_svc/category_store.h"
#include "profile_svc/company_store.h"
#include "profile_svc/connection_directory.h"
#include "profile_svc/erasure_dispatcher.h"
#include "profile_svc/group_store.h"
#include "profile_svc/profile_data_delivery.h"
#include "profile_svc/profile_store.h"
#include "profile_svc/rules/business_card.h"
#include "profile_svc/user_store.h"

namespace engage::profile {

// gRPC handlers of engage.profile.v1.ProfileService: verify the caller,
// validate the request, apply the rules, map the result.
class ProfileServiceImpl final : public engage::profile::v1::ProfileService::Service {
 public:
  // `connections` answers SEC-03's "is this field user connected to the
  // HCP"; `audit` records reads of HCP contact data (SEC-12) and admin
  // acts (MOVE_USER); `users` and `categories` serve the admin calls of issue 17.
  ProfileServiceImpl(ProfileStore& store, AccountStore& accounts, CompanyStore& company,
                     GroupStore& groups, ConnectionDirectory& connections,
                     ErasureDispatcher& erasures, ProfileDataAdmin profile_data,
                     audit::AuditTrail& audit, const server::Gatekeeper& gate, const Clock& clock,
                     IdGenerator& ids, UserStore& users, CategoryStore& categories)
      : store_(store),
        accounts_(accounts),
        company_(company),
        groups_(groups),
        connections_(connections),
        erasures_(erasures),
        profile_data_(profile_data),
        audit_(audit),
        gate_(gate),
        clock_(clock),
        ids_(ids),
        users_(users),
        categories_(categories) {}

  ENGAGE_UNARY_METHOD(UpsertCompany);
  ENGAGE_UNARY_METHOD(CreateFieldUser);
  ENGAGE_UNARY_METHOD(GetBusinessCard);
  ENGAGE_UNARY_METHOD(ListBusinessCards);
  ENGAGE_UNARY_METHOD(UpdateProfile);
  ENGAGE_UNARY_METHOD(DeleteProfile);
  ENGAGE_UNARY_METHOD(MergeProfiles);
  ENGAGE_UNARY_METHOD(SignUpHcp);

  // Orgs and accounts (profile_service_accounts.cc).
  ENGAGE_UNARY_METHOD(CreateOrg);
  ENGAGE_UNARY_METHOD(ListOrgs);

  // Branding, categories (profile_service_company.cc).
  ENGAGE_UNARY_METHOD(GetBranding);
  ENGAGE_UNARY_METHOD(UpdateBranding);
  // Groups and members (profile_service_groups.cc).
  ENGAGE_UNARY_METHOD(CreateGroup);
  ENGAGE_UNARY_METHOD(ListGroups);
  ENGAGE_UNARY_METHOD(AddGroupMember);
  ENGAGE_UNARY_METHOD(RemoveGroupMember);
  ENGAGE_UNARY_METHOD(UpdateGroup);
  ENGAGE_UNARY_METHOD(DeleteGroup);
  ENGAGE_UNARY_METHOD(ListGroupMembers);
  ENGAGE_UNARY_METHOD(LinkAccount);
  ENGAGE_UNARY_METHOD(UnlinkAccount);
  ENGAGE_UNARY_METHOD(RecordAccountMerge);
  ENGAGE_UNARY_METHOD(GetAccountIndicator);
  ENGAGE_UNARY_METHOD(CreateProfileCategory);
  ENGAGE_UNARY_METHOD(CreateCategoryResponse);
  ENGAGE_UNARY_METHOD(UpdateCategorySettings);
  ENGAGE_UNARY_METHOD(GetProfileAnswers);
  ENGAGE_UNARY_METHOD(SaveProfileAnswers);
  // Profile-data delivery, CAT-08 (profile_service_data_events.cc).
  ENGAGE_UNARY_METHOD(ListProfileDataEvents);
  ENGAGE_UNARY_METHOD(RetryProfileDataEvent);
  ENGAGE_UNARY_METHOD(GetEngagementEndpoint);
  ENGAGE_UNARY_METHOD(UpdateEngagementEndpoint);

  // Admin tasks of issue 17: users (profile_service_users.cc), category
  // administration (profile_service_categories.cc).
  ENGAGE_UNARY_METHOD(ListUsers);
  ENGAGE_UNARY_METHOD(MoveUser);
  ENGAGE_UNARY_METHOD(ListProfileCategories);
  ENGAGE_UNARY_METHOD(UpdateProfileCategory);
  ENGAGE_UNARY_METHOD(UpdateCategoryResponse);
  ENGAGE_UNARY_METHOD(RetireProfileCategory);
  ENGAGE_UNARY_METHOD(RetireCategoryResponse);

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
  ProfileDataAdmin profile_data_;
  audit::AuditTrail& audit_;
  const server::Gatekeeper& gate_;
  const Clock& clock_;
  IdGenerator& ids_;
  UserStore& users_;
  CategoryStore& categories_;
};

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROFILE_SERVICE_H_
