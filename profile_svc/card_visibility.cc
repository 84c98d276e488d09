#include "profile_svc/card_visibility.h"

#include "absl/strings/str_cat.h"
#include "common/status/errors.h"

namespace engage::profile {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;

CardView CardVisibility(const auth::Identity& caller, const CardFacts& card, bool connected) {
  if (card.kind == ProfileKind::kStaff) return CardView::kFull;
  if (caller.role == ROLE_HCP) {
    return caller.subject == card.owner_subject ? CardView::kFull : CardView::kNone;
  }
  if (caller.role == ROLE_ADMIN) return CardView::kFull;
  if (caller.role == ROLE_FIELD_USER) return connected ? CardView::kFull : CardView::kPublic;
  return CardView::kNone;
}

bool NeedsConnection(const auth::Identity& caller, const CardFacts& card) {
  return card.kind == ProfileKind::kHcp && caller.role == ROLE_FIELD_USER;
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
         !(caller.role == ROLE_HCP && caller.subject == card.owner_subject);
}

absl::Status CardNotFound(const std::string& profile_id) {
  return WithReason(absl::NotFoundError(absl::StrCat("SEC-03: profile ", profile_id, " not found")),
                    "SEC-03");
}

}  // namespace engage::profile
