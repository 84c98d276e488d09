#ifndef ENGAGE_CONNECTION_SVC_GRPC_PROFILE_DIRECTORY_H_
#define ENGAGE_CONNECTION_SVC_GRPC_PROFILE_DIRECTORY_H_

#include <memory>

#include "common/client/service_client.h"
#include "connection_svc/profile_directory.h"
#include "engage/profile/v1/profile.grpc.pb.h"

namespace engage::connection {

// profile_svc's failure of `method` as this service reports it: NOT_FOUND and
// FAILED_PRECONDITION as they are, anything else UNAVAILABLE.
absl::Status FromProfileSvc(const char* method, const grpc::Status& st);

// ProfileDirectory over profile_svc's ProfileInternalService (and, for the
// inviter's card of CON-12, ProfileService as the calling HCP).
class GrpcProfileDirectory final : public ProfileDirectory {
 public:
  explicit GrpcProfileDirectory(std::shared_ptr<client::ServiceClient> client);

  absl::StatusOr<ProfileOwner> GetOwner(const std::string& tenant,
                                        const std::string& profile_id) override;
  absl::StatusOr<std::map<std::string, ProfileOwner>> GetOwners(
      const std::string& tenant, const std::vector<std::string>& profile_ids) override;
  absl::StatusOr<std::string> LinkToAccount(const std::string& tenant,
                                            const std::string& profile_id,
                                            const std::string& org_id,
                                            const std::string& account_id) override;
  absl::StatusOr<std::vector<SignUp>> ListSignUps(const std::string& tenant,
                                                  const std::string& after_cursor,
                                                  int page_size) override;
  absl::StatusOr<std::vector<ProfileRemoval>> ListRemovals(const std::string& tenant,
                                                           const std::string& after_cursor,
                                                           int page_size) override;
  absl::Status CheckOrg(const std::string& tenant, const std::string& org_id) override;
  // grpc_profile_directory_card.cc: ProfileService/GetBusinessCard.
  absl::StatusOr<InviterCard> GetInviterCard(const std::string& authorization,
                                             const std::string& profile_id) override;

 private:
  // A context carrying the service token and, from the call this thread
  // handles (server::Handle makes it current), its deadline, request id and
  // trace; background work gets the client's own deadline.
  std::unique_ptr<grpc::ClientContext> ContextFor();
  // Calls `rpc` of ProfileInternalService in ContextFor(); its failure as
  // FromProfileSvc reports it, naming `method`.
  template <typename Request, typename Response>
  absl::Status Call(const char* method,
                    grpc::Status (profile::v1::ProfileInternalService::Stub::*rpc)(
                        grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response) {
    auto context = ContextFor();
    grpc::Status st = (stub_.get()->*rpc)(context.get(), request, response);
    return st.ok() ? absl::OkStatus() : FromProfileSvc(method, st);
  }

  std::shared_ptr<client::ServiceClient> client_;
  std::unique_ptr<profile::v1::ProfileInternalService::Stub> stub_;
  std::unique_ptr<profile::v1::ProfileService::Stub> cards_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_GRPC_PROFILE_DIRECTORY_H_
