// GrpcProfileDirectory::GetInviterCard (CON-12): the inviter's card read from
// profile_svc's public GetBusinessCard as the calling HCP, so SEC-03 is
// decided where it lives; only the public part is kept.
#include "absl/time/clock.h"
#include "common/trace/current_call.h"
#include "connection_svc/grpc_profile_directory.h"

namespace engage::connection {

absl::StatusOr<InviterCard> GrpcProfileDirectory::GetInviterCard(const std::string& authorization,
                                                                 const std::string& profile_id) {
  // The caller's own token, not the service token: public methods refuse
  // SERVICE tokens (SEC-02), and the card is what this caller may see.
  grpc::ClientContext context;
  context.AddMetadata("authorization", authorization);
  const trace::CurrentCall* call = trace::CurrentCall::Get();
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  if (call != nullptr) {
    deadline = std::min(deadline, call->deadline);
    if (!call->request_id.empty()) context.AddMetadata("x-request-id", call->request_id);
    context.AddMetadata("traceparent", trace::Traceparent(call->trace));
  }
  context.set_deadline(absl::ToChronoTime(deadline));
  profile::v1::GetBusinessCardRequest request;
  request.set_profile_id(profile_id);
  profile::v1::GetBusinessCardResponse response;
  grpc::Status st = cards_->GetBusinessCard(&context, request, &response);
  if (!st.ok()) return FromProfileSvc("GetBusinessCard", st);
  const auto& card = response.card();
  // SEC-03's public part and the branding; the e-mail, phone, country,
  // address and practice are never copied.
  InviterCard out;
  out.display_name = card.display_name();
  out.first_name = card.first_name();
  out.last_name = card.last_name();
  out.title = card.title();
  out.photo_url = card.photo_url();
  out.company_name = card.company_name();
  out.primary_color = card.primary_color();
  out.secondary_color = card.secondary_color();
  out.medications.assign(card.medications().begin(), card.medications().end());
  return out;
}

}  // namespace engage::connection
