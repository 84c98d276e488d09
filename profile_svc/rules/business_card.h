#ifndef ENGAGE_PROFILE_SVC_RULES_BUSINESS_CARD_H_
#define ENGAGE_PROFILE_SVC_RULES_BUSINESS_CARD_H_

#include <string>

#include "profile_svc/rules/profile_model.h"

namespace engage::profile {

// The composed card a caller sees (PRF-02, PRF-11).
struct BusinessCard {
  CardSource fields;
  std::string display_name;
  std::string etag;
};

// What a stored card shows for its kind. A staff card: the user's fields,
// the company's display name (else its name) and colours as they are now,
// whatever the user's group (PRF-05, PRF-06), and the medications of the
// user's group, else the company defaults (PRF-07). An HCP
// card: the HCP's own fields, no branding.
CardSource CardSourceOf(const CardRow& row);

// The name a card and a CRM record show: the display name, else "first last".
std::string DisplayName(const std::string& display_name, const std::string& first_name,
                        const std::string& last_name);

// Composes the card: the display name falls back to "first last"; a deleted
// profile reads "Deleted User" with every other field cleared (PRF-11).
BusinessCard ComposeCard(const CardSource& source);

// Etag of a stored version: changes with every write of the profile.
std::string EtagOf(int64_t version);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_RULES_BUSINESS_CARD_H_
