#include "profile_svc/rules/card_visibility.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::profile {

CardView CardVisibility(const auth::Identity& caller, const CardFacts& card, bool connected) {
  if (card.kind == ProfileKind::kStaff) return CardView::kFull;
  if (caller.role == auth::kHcp) {
    return caller.subject == card.owner_subject ? CardView::kFull : CardView::kNone;
  }
  if (caller.role == auth::kAdmin) return CardView::kFull;
  if (caller.role == auth::kFieldUser) return connected ? CardView::kFull : CardView::kPublic;
  return CardView::kNone;
}

bool NeedsConnection(const auth::Identity& caller, const CardFacts& card) {
  return card.kind == ProfileKind::kHcp && caller.role == auth::kFieldUser;
}

void ApplyCardView(CardView view, BusinessCard& card) {
  if (view != CardView::kPublic) return;
  CardSource& f = card.fields;
  f.email.clear();
  f.phone.clear();
  f.address.clear();
  f.practice.clear();
  f.country.clear();
}

bool ReadsContactData(const auth::Identity& caller, const CardFacts& card, CardView view,
                      bool deleted) {
  return card.kind == ProfileKind::kHcp && view == CardView::kFull && !deleted &&
         !(caller.role == auth::kHcp && caller.subject == card.owner_subject);
}

absl::Status CardNotFound(const std::string& profile_id) {
  return WithReason(absl::NotFoundError(absl::StrCat("SEC-03: profile ", profile_id, " not found")),
                    "SEC-03");
}

}  // namespace engage::profile
