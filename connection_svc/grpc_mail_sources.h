#ifndef ENGAGE_CONNECTION_SVC_GRPC_MAIL_SOURCES_H_
#define ENGAGE_CONNECTION_SVC_GRPC_MAIL_SOURCES_H_

#include <memory>

#include "common/client/service_client.h"
#include "connection_svc/mail_sources.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "engage/promomats/v1/promomats.grpc.pb.h"

namespace engage::connection {

// MailSources over profile_svc (ProfileInternalService/GetOrg, and
// ProfileService/GetBusinessCard with the caller's own token) and
// promomats_svc (PromoMatsInternalService/GetApprovedEmailTemplate).
class GrpcMailSources final : public MailSources {
 public:
  GrpcMailSources(std::shared_ptr<client::ServiceClient> profiles,
                  std::shared_ptr<client::ServiceClient> promomats);

  absl::StatusOr<CrmOrgRef> CrmOrg(const std::string& tenant, const std::string& org_id) override;
  absl::StatusOr<std::string> InviterName(const std::string& authorization,
                                          const std::string& profile_id) override;
  absl::StatusOr<InviteTemplate> Template(const std::string& tenant, const CrmOrgRef& org,
                                          const std::string& name) override;

 private:
  std::shared_ptr<client::ServiceClient> profiles_;
  std::shared_ptr<client::ServiceClient> promomats_;
  std::unique_ptr<profile::v1::ProfileInternalService::Stub> profile_internal_;
  std::unique_ptr<profile::v1::ProfileService::Stub> profile_public_;
  std::unique_ptr<promomats::v1::PromoMatsInternalService::Stub> templates_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_GRPC_MAIL_SOURCES_H_
