#ifndef ENGAGE_GATEWAY_RULES_PAGE_RULES_H_
#define ENGAGE_GATEWAY_RULES_PAGE_RULES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace engage::gateway {

// The invite landing page (CON-12) as plain functions: what it shows and
// which headers it sends. No I/O; invite_page.cc serves them.

// Text as HTML shows it as text, in element content and in quoted attribute
// values alike: & < > " ' become entities, everything else stays.
std::string HtmlEscape(absl::string_view text);

// `text` as a JSON string literal, quotes included: '"', '\\' and control
// characters escaped, and '<', '>', '&' as \u escapes so the answer is inert
// even if a browser sniffed it as HTML. Answers are built from these in a
// fixed field order, so the same outcome is the same bytes.
std::string JsonQuote(absl::string_view text);

// Six hex digits (PRF-05's RRGGBB, no '#'): the only colours the page uses.
bool IsHexColour(absl::string_view colour);
// A photo URL the page may load: https only (no javascript:, data:, http:),
// no quote or angle bracket, at most 2000 characters.
bool IsSafePhotoUrl(absl::string_view url);

// The path the page is served under, from the invite links' base
// (connection_svc's link_base, e.g. "https://engage.example.com/invite" ->
// "/invite"), so links and page agree. "" when the base has no path.
std::string PagePathOf(absl::string_view link_base);

// What a request to the page asks for. `page_path` is PagePathOf(link base).
struct PageRoute {
  enum class Kind { kNone, kShell, kScript, kStyle, kPreview, kAccept, kDecline };
  Kind kind = Kind::kNone;
  std::string token;  // the path segment, as sent (checked by the service)
};
// GET <page_path>/page.js, /page.css, /<token>; POST <page_path>/<token>/
// preview, accept or decline; anything else kNone.
PageRoute RouteOf(absl::string_view method, absl::string_view path, absl::string_view page_path);

// The invite's state as the page shows it (values as the contract's
// InviteState).
enum class PageState {
  kUnknown = 0,
  kPending = 1,
  kAccepted = 2,
  kDeclined = 3,
  kRevoked = 4,
  kExpired = 5
};
// Only an open invite offers Accept and Decline.
bool OffersAnswer(PageState state);
// One sentence for the state ("This invitation has expired." ...).
const char* StateSentence(PageState state);
// The contract's name of it ("PENDING", "EXPIRED" ...), for the script.
const char* StateName(PageState state);

// What PreviewInvite returned, in the page's terms.
struct PageCard {
  PageState state = PageState::kUnknown;
  bool has_inviter = false;
  std::string display_name;
  std::string first_name;
  std::string last_name;
  std::string title;
  std::string photo_url;
  std::string company_name;
  std::vector<std::string> medications;
};
// The inviter's name as the card heads it: the display name, else first and
// last name.
std::string InviterName(const PageCard& card);
// The card fragment the script puts into the page: every text escaped, no
// style attribute and no script (the page's CSP allows neither inline).
std::string RenderCard(const PageCard& card);

// The page itself, the same for every token (it shows nothing of the invite
// until a signed-in HCP asks): `path` is PagePathOf(link base).
std::string RenderShell(absl::string_view path);

// The HTTP status the page answers for a gRPC status code (the numbers of
// grpc::StatusCode): 404 NOT_FOUND, 400 INVALID_ARGUMENT, 401, 403, 409
// FAILED_PRECONDITION, 429 RESOURCE_EXHAUSTED, 503 UNAVAILABLE and
// DEADLINE_EXCEEDED, else 500.
int HttpStatusOf(int grpc_code);

// The headers of every answer of the page: CSP without inline script or
// style, nosniff, no referrer (the token is in the URL), no framing, no
// caching; HSTS when served over TLS.
std::vector<std::pair<std::string, std::string>> SecurityHeaders(bool tls);

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_RULES_PAGE_RULES_H_
