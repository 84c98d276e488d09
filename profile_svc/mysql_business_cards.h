#ifndef ENGAGE_PROFILE_SVC_MYSQL_BUSINESS_CARDS_H_
#define ENGAGE_PROFILE_SVC_MYSQL_BUSINESS_CARDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mysql/pool.h"
#include "profile_svc/rules/profile_model.h"

namespace engage::profile {

// PRF-13: every profile's card kept composed in one row of business_cards:
// the row the eight-table card join (profiles, users, user_details,
// hcp_details, companies, company_settings, group_members, engage_groups)
// gives for it. Every transaction that changes a part of a card recomposes
// the cards it changed before it commits, with the join's reads locking
// (LOCK IN SHARE MODE), so two writes of parts of one card are ordered and
// the later one composes both. A card read is one primary-key select of
// committed data: never older than the reader's own last write, whichever
// replica took it.

// The first statement of every transaction that recomposes cards: a lock on
// the company's row, exclusive for the writes that recompose many cards (the
// company's name and branding, a group's medications or deletion), shared for
// the others. Without it a write of one card and a write of all of them
// would lock the same rows in opposite orders and deadlock each other.
enum class CardLock { kOne, kMany };
absl::Status LockCards(mysql::Session& s, const std::string& tenant, CardLock lock);

// Recompose, in the caller's transaction, the card of one profile; of the
// profile of one user (staff); of the members of one group; of every staff
// card of the tenant (company name, branding).
absl::Status RecomposeProfileCard(mysql::Session& s, const std::string& tenant,
                                  const std::string& profile_id);
absl::Status RecomposeUserCard(mysql::Session& s, const std::string& tenant,
                               const std::string& user_id);
absl::Status RecomposeGroupCards(mysql::Session& s, const std::string& tenant,
                                 const std::string& group_id);
absl::Status RecomposeStaffCards(mysql::Session& s, const std::string& tenant);

// The composed card of `profile_id`; NOT_FOUND when the tenant has no such
// profile.
absl::StatusOr<CardRow> ReadComposedCard(mysql::Pool& pool, const std::string& tenant,
                                         const std::string& profile_id);
// Composed cards with a profile id above `after`, in id order; staff only
// when `staff_only`.
absl::StatusOr<std::vector<CardRow>> ReadComposedCards(mysql::Pool& pool, const std::string& tenant,
                                                       const std::string& after, int limit,
                                                       bool staff_only);

// For tests: the cards of the tenant whose composed row differs from what the
// join gives now (profile ids), and those without a composed row.
absl::StatusOr<std::vector<std::string>> StaleComposedCards(mysql::Pool& pool,
                                                            const std::string& tenant);

}  // namespace engage::profile

#endif  // ENGAGE_PROFILE_SVC_MYSQL_BUSINESS_CARDS_H_
