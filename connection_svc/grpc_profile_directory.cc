#include "connection_svc/grpc_profile_directory.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "common/status/status_macros.h"

namespace engage::connection {

// NOT_FOUND and FAILED_PRECONDITION are profile_svc's answers about the data
// (no such profile or org, a deleted profile); anything else is its failure,
// which this service reports as UNAVAILABLE (never e.g. its UNIMPLEMENTED or
// PERMISSION_DENIED as if it were ours). Declared in grpc_profile_directory.h.
absl::Status FromProfileSvc(const char* method, const grpc::Status& st) {
  if (st.error_code() == grpc::StatusCode::NOT_FOUND) {
    return absl::NotFoundError(st.error_message());
  }
  if (st.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
    return absl::FailedPreconditionError(st.error_message());
  }
  return absl::UnavailableError(absl::StrCat("profile_svc ", method, " failed (code ",
                                             static_cast<int>(st.error_code()),
                                             "): ", st.error_message()));
}

namespace {

using Stub = profile::v1::ProfileInternalService::Stub;

ProfileOwner OwnerOf(const profile::v1::GetProfileOwnerResponse& o) {
  return ProfileOwner{o.profile_id(), static_cast<ProfileKind>(o.kind()), o.subject(), o.deleted(),
                      o.org_id()};
}

}  // namespace

std::unique_ptr<grpc::ClientContext> GrpcProfileDirectory::ContextFor() {
  return client_->Context(nullptr);
}

GrpcProfileDirectory::GrpcProfileDirectory(std::shared_ptr<client::ServiceClient> client)
    : client_(std::move(client)),
      stub_(profile::v1::ProfileInternalService::NewStub(client_->channel())),
      cards_(profile::v1::ProfileService::NewStub(client_->channel())) {}

absl::StatusOr<ProfileOwner> GrpcProfileDirectory::GetOwner(const std::string& tenant,
                                                            const std::string& profile_id) {
  profile::v1::GetProfileOwnerRequest request;
  request.set_tenant_id(tenant);
  request.set_profile_id(profile_id);
  profile::v1::GetProfileOwnerResponse response;
  RETURN_IF_ERROR(Call("GetProfileOwner", &Stub::GetProfileOwner, request, &response));
  return OwnerOf(response);
}

absl::StatusOr<std::map<std::string, ProfileOwner>> GrpcProfileDirectory::GetOwners(
    const std::string& tenant, const std::vector<std::string>& profile_ids) {
  std::map<std::string, ProfileOwner> owners;
  if (profile_ids.empty()) return owners;
  profile::v1::GetProfileOwnersRequest request;
  request.set_tenant_id(tenant);
  for (const auto& id : profile_ids) request.add_profile_ids(id);
  profile::v1::GetProfileOwnersResponse response;
  RETURN_IF_ERROR(Call("GetProfileOwners", &Stub::GetProfileOwners, request, &response));
  for (const auto& o : response.owners()) {
    owners[o.profile_id()] = OwnerOf(o);
  }
  return owners;
}

absl::StatusOr<std::string> GrpcProfileDirectory::LinkToAccount(const std::string& tenant,
                                                                const std::string& profile_id,
                                                                const std::string& org_id,
                                                                const std::string& account_id) {
  profile::v1::LinkProfileToAccountRequest request;
  request.set_tenant_id(tenant);
  request.set_profile_id(profile_id);
  request.set_org_id(org_id);
  request.set_account_id(account_id);
  profile::v1::LinkProfileToAccountResponse response;
  RETURN_IF_ERROR(Call("LinkProfileToAccount", &Stub::LinkProfileToAccount, request, &response));
  return response.account_id();
}

absl::StatusOr<std::vector<SignUp>> GrpcProfileDirectory::ListSignUps(
    const std::string& tenant, const std::string& after_cursor, int page_size) {
  profile::v1::ListSignUpsRequest request;
  request.set_tenant_id(tenant);
  request.set_after_cursor(after_cursor);
  request.set_page_size(page_size);
  profile::v1::ListSignUpsResponse response;
  RETURN_IF_ERROR(Call("ListSignUps", &Stub::ListSignUps, request, &response));
  std::vector<SignUp> out;
  for (const auto& s : response.sign_ups()) {
    out.push_back({s.cursor(), s.profile_id(), s.email(),
                   absl::FromUnixMicros(google::protobuf::util::TimeUtil::TimestampToMicroseconds(
                       s.sign_up_time()))});
  }
  return out;
}

absl::StatusOr<std::vector<ProfileRemoval>> GrpcProfileDirectory::ListRemovals(
    const std::string& tenant, const std::string& after_cursor, int page_size) {
  profile::v1::ListProfileRemovalsRequest request;
  request.set_tenant_id(tenant);
  request.set_after_cursor(after_cursor);
  request.set_page_size(page_size);
  profile::v1::ListProfileRemovalsResponse response;
  RETURN_IF_ERROR(Call("ListProfileRemovals", &Stub::ListProfileRemovals, request, &response));
  std::vector<ProfileRemoval> out;
  for (const auto& r : response.removals()) {
    out.push_back({r.cursor(), r.profile_id(), r.merged_into_profile_id(),
                   absl::FromUnixMicros(google::protobuf::util::TimeUtil::TimestampToMicroseconds(
                       r.removal_time()))});
  }
  return out;
}

absl::Status GrpcProfileDirectory::CheckOrg(const std::string& tenant, const std::string& org_id) {
  profile::v1::GetOrgRequest request;
  request.set_tenant_id(tenant);
  request.set_org_id(org_id);
  profile::v1::GetOrgResponse response;
  return Call("GetOrg", &Stub::GetOrg, request, &response);
}

}  // namespace engage::connection
