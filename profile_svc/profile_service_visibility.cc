// ProfileService: which cards and which card fields a caller sees (SEC-03),
// the audit of contact reads (SEC-12), and who reaches answers (SEC-04).
#include <set>

#include "common/log/log.h"
#include "profile_svc/profile_service.h"
#include "profile_svc/proto_mapping.h"
#include "profile_svc/rules/answers_access.h"
#include "profile_svc/rules/card_visibility.h"

namespace engage::profile {

using auth::Identity;

std::vector<std::optional<BusinessCard>> ProfileServiceImpl::VisibleCards(
    const grpc::ServerContext* context, const Identity& caller,
    const std::vector<CardSource>& sources) {
  // The HCP cards whose view depends on a connection: one batched question.
  std::vector<std::string> ask;
  for (const auto& s : sources) {
    if (!s.deleted && NeedsConnection(caller, {s.kind, s.owner_subject})) {
      ask.push_back(s.profile_id);
    }
  }
  std::set<std::string> connected;
  if (!ask.empty()) {
    auto self = store_.ProfileIdOfSubject(caller.tenant, caller.subject);
    absl::StatusOr<std::set<std::string>> active =
        self.ok() ? connections_.ActiveHcps(caller.tenant, *self, ask) : self.status();
    if (active.ok()) {
      connected = std::move(*active);
    } else if (!absl::IsNotFound(active.status())) {
      // Fail closed: without an answer, no contact details (SEC-03).
      log::Warn("SEC-03: connection_svc did not answer; showing public card parts",
                {{"error", active.status().ToString()}});
    }
  }
  std::vector<std::optional<BusinessCard>> out;
  out.reserve(sources.size());
  const std::string method = audit::MethodOf(context);
  for (const auto& s : sources) {
    const CardFacts facts{s.kind, s.owner_subject};
    const CardView view = CardVisibility(caller, facts, connected.count(s.profile_id) > 0);
    if (view == CardView::kNone) {
      out.emplace_back(std::nullopt);
      continue;
    }
    BusinessCard card = ComposeCard(s);
    ApplyCardView(view, card);
    if (ReadsContactData(caller, facts, view, s.deleted)) {
      audit::AuditEvent event;
      event.tenant = caller.tenant;
      event.actor_subject = caller.subject;
      event.actor_role = caller.role;
      event.method = method;
      event.action = "READ_CONTACT";
      event.object_type = "PROFILE";
      event.object_id = s.profile_id;
      audit_.Record(std::move(event));
    }
    out.emplace_back(std::move(card));
  }
  return out;
}

absl::StatusOr<BusinessCard> ProfileServiceImpl::VisibleCard(const grpc::ServerContext* context,
                                                             const Identity& caller,
                                                             const std::string& profile_id) {
  auto source = store_.GetCardSource(caller.tenant, profile_id);
  if (absl::IsNotFound(source.status())) return CardNotFound(profile_id);
  if (!source.ok()) return source.status();
  auto cards = VisibleCards(context, caller, {*source});
  if (!cards.front().has_value()) return CardNotFound(profile_id);
  return std::move(*cards.front());
}

absl::Status ProfileServiceImpl::RequireAnswersAccess(const Identity& caller,
                                                      const std::string& profile_id) {
  auto owner = store_.GetOwner(caller.tenant, profile_id);
  if (absl::IsNotFound(owner.status())) return AnswersNotFound(profile_id);
  if (!owner.ok()) return owner.status();
  return profile::CheckAnswersAccess(caller, profile_id, owner->subject);
}

}  // namespace engage::profile
