#ifndef ENGAGE_PROFILE_SVC_PROTO_MAPPING_H_
#define ENGAGE_PROFILE_SVC_PROTO_MAPPING_H_

#include <google/protobuf/timestamp.pb.h>
#include <grpcpp/server_context.h>

#include "absl/time/time.h"
#include "engage/profile/v1/profile.pb.h"
#include "profile_svc/connection_directory.h"
#include "profile_svc/rules/business_card.h"
#include "profile_svc/rules/profile_model.h"

namespace engage::profile {

// Conversions between the domain structs and the contract's messages.
google::protobuf::Timestamp ToTimestamp(absl::Time t);
void ToProto(const Org& org, v1::Org* out);
void ToProto(const ProfileOwner& owner, v1::GetProfileOwnerResponse* out);
void ToProto(const BusinessCard& card, v1::BusinessCard* out);
ProfileEdit FromProto(const v1::UpdateProfileRequest& request);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_PROTO_MAPPING_H_
