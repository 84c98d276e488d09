#include "connection_svc/grpc_mail_sources.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/trace/current_call.h"

namespace engage::connection {
namespace {

// NOT_FOUND and FAILED_PRECONDITION are the other service's answers about
// the data; anything else is its failure, reported as UNAVAILABLE.
absl::Status FromPeer(const char* method, const grpc::Status& st) {
  if (st.error_code() == grpc::StatusCode::NOT_FOUND)
    return absl::NotFoundError(st.error_message());
  if (st.error_code() == grpc::StatusCode::FAILED_PRECONDITION) {
    return absl::FailedPreconditionError(st.error_message());
  }
  return absl::UnavailableError(absl::StrCat(
      method, " failed (code ", static_cast<int>(st.error_code()), "): ", st.error_message()));
}

}  // namespace

GrpcMailSources::GrpcMailSources(std::shared_ptr<client::ServiceClient> profiles,
                                 std::shared_ptr<client::ServiceClient> promomats)
    : profiles_(std::move(profiles)),
      promomats_(std::move(promomats)),
      profile_internal_(profile::v1::ProfileInternalService::NewStub(profiles_->channel())),
      profile_public_(profile::v1::ProfileService::NewStub(profiles_->channel())),
      templates_(promomats::v1::PromoMatsInternalService::NewStub(promomats_->channel())) {}

absl::StatusOr<CrmOrgRef> GrpcMailSources::CrmOrg(const std::string& tenant,
                                                  const std::string& org_id) {
  profile::v1::GetOrgRequest request;
  request.set_tenant_id(tenant);
  request.set_org_id(org_id);
  profile::v1::GetOrgResponse response;
  auto context = profiles_->Context(nullptr);
  grpc::Status st = profile_internal_->GetOrg(context.get(), request, &response);
  if (!st.ok()) return FromPeer("profile_svc GetOrg", st);
  return CrmOrgRef{response.org().domain(), response.org().type() == profile::v1::ORG_TYPE_SANDBOX};
}

absl::StatusOr<std::string> GrpcMailSources::InviterName(const std::string& authorization,
                                                         const std::string& profile_id) {
  // The caller's own token, not the service's: a SERVICE token may not read
  // cards (SEC-02), and the inviter may read their own. The call carries on
  // the served call's deadline, request id and trace, as ServiceClient's do.
  grpc::ClientContext context;
  context.AddMetadata("authorization", authorization);
  const trace::CurrentCall* call = trace::CurrentCall::Get();
  const absl::Time deadline = std::min(absl::Now() + absl::Seconds(5),
                                       call != nullptr ? call->deadline : absl::InfiniteFuture());
  context.set_deadline(absl::ToChronoTime(deadline));
  if (call != nullptr && !call->request_id.empty()) {
    context.AddMetadata("x-request-id", call->request_id);
  }
  context.AddMetadata("traceparent", trace::Traceparent(call != nullptr && !call->trace.empty()
                                                            ? call->trace
                                                            : trace::StartSpan(std::nullopt)));
  profile::v1::GetBusinessCardRequest request;
  request.set_profile_id(profile_id);
  profile::v1::GetBusinessCardResponse response;
  grpc::Status st = profile_public_->GetBusinessCard(&context, request, &response);
  if (!st.ok()) return FromPeer("profile_svc GetBusinessCard", st);
  const auto& card = response.card();
  if (!card.display_name().empty()) return card.display_name();
  if (card.first_name().empty() || card.last_name().empty()) {
    return card.first_name() + card.last_name();
  }
  return absl::StrCat(card.first_name(), " ", card.last_name());
}

absl::StatusOr<InviteTemplate> GrpcMailSources::Template(const std::string& tenant,
                                                         const CrmOrgRef& org,
                                                         const std::string& name) {
  promomats::v1::GetApprovedEmailTemplateRequest request;
  request.set_tenant_id(tenant);
  request.set_crm_domain(org.domain);
  request.set_crm_type(org.sandbox ? promomats::v1::VAULT_TYPE_SANDBOX
                                   : promomats::v1::VAULT_TYPE_PRODUCTION);
  request.set_template_name(name);
  promomats::v1::GetApprovedEmailTemplateResponse response;
  auto context = promomats_->Context(nullptr);
  grpc::Status st = templates_->GetApprovedEmailTemplate(context.get(), request, &response);
  if (!st.ok()) return FromPeer("promomats_svc GetApprovedEmailTemplate", st);
  const auto& t = response.email_template();
  return InviteTemplate{t.name(), t.subject(), t.body()};
}

}  // namespace engage::connection
