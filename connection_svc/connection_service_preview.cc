// PreviewInvite (CON-12): what an invite link shows before the HCP decides.
// Reads only: the invite by its token's hash, the inviter's state (SEC-09)
// and their public card; writes nothing, audits nothing.
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "common/server/handler.h"
#include "common/status/errors.h"
#include "common/status/status_macros.h"
#include "connection_svc/connection_service.h"
#include "connection_svc/rules/invite_rules.h"
#include "connection_svc/rules/preview_rules.h"

namespace engage::connection {

namespace {

std::string AuthorizationOf(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("authorization");
  return it == context.client_metadata().end() ? ""
                                               : std::string(it->second.data(), it->second.size());
}

}  // namespace

grpc::Status ConnectionServiceImpl::PreviewInvite(grpc::ServerContext* context,
                                                  const v1::PreviewInviteRequest* request,
                                                  v1::PreviewInviteResponse* response) {
  return server::Handle(context, gate_, [&](const auth::Identity& caller) -> absl::Status {
    // Before anything is looked up: guesses cost the guesser, not the store.
    RETURN_IF_ERROR(previews_.Spend(absl::StrCat(caller.tenant, "/", caller.subject)));
    if (request->token().empty()) return InvalidField("token", "is required");
    // A malformed token is looked up like any other (its hash matches
    // nothing), so neither the answer nor its time tells it apart from a
    // wrong one. Only hashes are stored, and the lookup is by hash.
    auto invite = invites_.FindInvite(caller.tenant, HashToken(request->token()));
    if (absl::IsNotFound(invite.status())) return NoInviteWithToken();
    if (!invite.ok()) return invite.status();
    auto inviter = callers_.StateOf(caller.tenant, invite->inviter_subject);
    if (!inviter.ok()) {
      return absl::UnavailableError(absl::StrCat(
          "SEC-09: cannot tell whether the inviter may still act: ", inviter.status().message()));
    }
    ASSIGN_OR_RETURN(auto facts,
                     PreviewOf(*invite, caller.VerifiedEmail(), *inviter, clock_.Now()));
    response->set_state(static_cast<v1::InviteState>(facts.state));
    *response->mutable_expire_time() = google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
        absl::ToUnixMicros(invite->expire_time));
    if (!facts.show_card) return absl::OkStatus();
    auto card = profiles_.GetInviterCard(AuthorizationOf(*context), invite->inviter_profile_id);
    // A card gone meanwhile (removed profile): the state alone, never
    // profile_svc's words, which would tell this answer from a wrong token's.
    if (absl::IsNotFound(card.status()) || absl::IsFailedPrecondition(card.status())) {
      return absl::OkStatus();
    }
    if (!card.ok()) return card.status();
    auto* out = response->mutable_inviter();
    out->set_display_name(card->display_name);
    out->set_first_name(card->first_name);
    out->set_last_name(card->last_name);
    out->set_title(card->title);
    out->set_photo_url(card->photo_url);
    auto* branding = response->mutable_branding();
    branding->set_company_name(card->company_name);
    branding->set_primary_color(card->primary_color);
    branding->set_secondary_color(card->secondary_color);
    for (const auto& m : card->medications) response->add_medications(m);
    return absl::OkStatus();
  });
}

}  // namespace engage::connection
