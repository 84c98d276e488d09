#ifndef ENGAGE_PROFILE_SVC_BUSINESS_CARD_H_
#define ENGAGE_PROFILE_SVC_BUSINESS_CARD_H_

#include <string>

#include "profile_svc/profile_model.h"

namespace engage::profile {

// The composed card a caller sees (PRF-02, PRF-11).
struct BusinessCard {
  CardSource fields;
  std::string display_name;
  std::string etag;
};

// Composes the card: the display name falls back to "first last"; a deleted
// profile reads "Deleted User" with every other field cleared (PRF-11).
BusinessCard ComposeCard(const CardSource& source);

// Etag of a stored version: changes with every write of the profile.
std::string EtagOf(int64_t version);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_BUSINESS_CARD_H_
