#ifndef ENGAGE_CONNECTION_SVC_RULES_INVITE_RULES_H_
#define ENGAGE_CONNECTION_SVC_RULES_INVITE_RULES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/auth/active_callers.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// Invite rules (CON-01, CON-03): plain functions, no I/O, so each rule is
// proved by a unit test and the store only runs them under its row lock.

// Random bytes of an invite token: 256 bits, well above CON-01's 128.
constexpr size_t kInviteTokenBytes = 32;
// Lower-case hex SHA-256 of a token: the only form of it that is stored.
std::string HashToken(const std::string& token);
// A token has the shape RandomToken(kInviteTokenBytes) gives (base64url, 43
// characters); anything else cannot match an invite.
bool LooksLikeToken(const std::string& token);
// `<base>/<token>`, with one slash whatever `base` ends with.
std::string InviteLink(const std::string& base, const std::string& token);

// Pending past its expiry reads as expired (InviteState has no stored value
// for it: time alone turns an invite expired).
bool IsExpired(const Invite& invite, absl::Time now);

// OK when the invite may still be accepted or declined at `now`; else
// FAILED_PRECONDITION (reason CON-03) saying why (accepted, declined,
// revoked, expired).
absl::Status CheckOpen(const Invite& invite, absl::Time now);
// OK when `subject` (the inviter) may revoke it now: their own and still open.
// Another field user's invite is NoSuchInvite, as a missing id is (SEC-03:
// an id tells nobody but its inviter and the admins that it exists).
absl::Status CheckRevocable(const Invite& invite, const std::string& subject, absl::Time now);

// The one answer for an invite id that names no invite the caller may know of,
// and the store's for a missing one: NOT_FOUND "invite_id: no such invite".
absl::Status NoSuchInvite();
// The same for a token: NOT_FOUND "token: no invite has this token". A wrong
// token, a malformed one, another tenant's, an e-mail invite sent to someone
// else: same code, same message, so the answer tells nothing more (CON-12).
absl::Status NoInviteWithToken();

// SEC-08: an APPROVED_EMAIL invite is accepted, declined or previewed only by
// the HCP whose verified e-mail (`verified_email`, empty when the token has
// none) it was sent to, compared case-insensitively; LINK and QR_CODE invites
// by any signed-in HCP. To anyone else it does not exist: NoInviteWithToken.
absl::Status CheckRecipient(const Invite& invite, const std::string& verified_email);
// CheckRecipient, then CheckOpen: what accepting or declining requires.
absl::Status CheckAnswerable(const Invite& invite, const std::string& verified_email,
                             absl::Time now);

// SEC-09: whether an invite's inviter (as profile_svc knows their subject) may
// still stand behind it. FAILED_PRECONDITION (reason SEC-09) for a deactivated
// user or a removed profile: their open invites are revoked.
absl::Status CheckInviterActive(auth::CallerState inviter);

// SEC-08: the CRM org an invite's account belongs to (`org_id`, empty when the
// invite names no account) must be the inviter's own org (`inviter_org_id`,
// their user's org as profile_svc knows it; empty when it does not tell).
// PERMISSION_DENIED naming org_id when they differ.
absl::Status CheckInviteOrg(const std::string& inviter_org_id, const std::string& org_id);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_RULES_INVITE_RULES_H_
