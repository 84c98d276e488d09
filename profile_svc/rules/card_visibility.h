#ifndef ENGAGE_PROFILE_SVC_RULES_CARD_VISIBILITY_H_
#define ENGAGE_PROFILE_SVC_RULES_CARD_VISIBILITY_H_

#include <string>

#include "absl/status/status.h"
#include "common/auth/identity.h"
#include "profile_svc/rules/business_card.h"
#include "profile_svc/rules/profile_model.h"

namespace engage::profile {

// SEC-03: how much of a business card a caller of the card's tenant sees.
enum class CardView {
  kFull,    // every field
  kPublic,  // names, display name, title, degree, photo; no contact details
  kNone,    // nothing: the card reads as NOT_FOUND (its existence is not revealed)
};

// What the rule needs to know of a card.
struct CardFacts {
  ProfileKind kind = ProfileKind::kStaff;
  std::string owner_subject;  // the subject the profile belongs to
};

// A staff card is seen in full by everyone of the tenant. An HCP card is seen
// in full by that HCP, by the tenant's admins, and by field users with an
// ACTIVE connection to the HCP (`connected`); other field users see its
// public part; another HCP (and any other role) sees none of it.
CardView CardVisibility(const auth::Identity& caller, const CardFacts& card, bool connected);

// Whether the view of `card` for `caller` depends on a connection, i.e.
// whether the handler must ask connection_svc (field users reading HCP cards).
bool NeedsConnection(const auth::Identity& caller, const CardFacts& card);

// Clears what `view` does not show: the contact details (e-mail, phone,
// address, practice, country) for kPublic. kNone is the handler's NOT_FOUND.
void ApplyCardView(CardView view, BusinessCard& card);

// SEC-12: whether returning `card` in `view` to `caller` reads an HCP's
// contact data (a full HCP card, not deleted, to anyone but the HCP).
bool ReadsContactData(const auth::Identity& caller, const CardFacts& card, CardView view,
                      bool deleted);

// The NOT_FOUND of a card hidden from the caller, and of a card that does not
// exist: one message for both, so it reveals nothing.
absl::Status CardNotFound(const std::string& profile_id);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_RULES_CARD_VISIBILITY_H_
