#ifndef ENGAGE_CONNECTION_SVC_RULES_MAIL_RULES_H_
#define ENGAGE_CONNECTION_SVC_RULES_MAIL_RULES_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/rules/connection_model.h"

namespace engage::connection {

// The e-mail of an APPROVED_EMAIL invite (CON-13): plain functions, no I/O.
// What reaches a header is checked here once; the SMTP sender only writes
// what these functions return.

// An approved e-mail template as it reached the inviter's CRM org (PMX-11).
struct InviteTemplate {
  std::string name;
  std::string subject;
  std::string body;
};

// The values of the placeholders a template may hold.
struct InviteMailValues {
  std::string invite_link;     // {{invite_link}}
  std::string inviter_name;    // {{inviter_name}}
  std::string recipient_name;  // {{recipient_name}}; may be empty
};

// Fills {{invite_link}}, {{inviter_name}} and {{recipient_name}} (spaces
// inside the braces allowed) in the template's subject and body; other
// {{...}} are left as written. The link is always in the body: appended on a
// line of its own when the template has no {{invite_link}}. The subject must
// hold no {{invite_link}} (a token in a header line is logged everywhere).
// INVALID_ARGUMENT naming "subject" when the rendered subject is not one
// header line (CheckHeaderText).
absl::StatusOr<RenderedMail> RenderInviteMail(const InviteTemplate& tmpl,
                                              const InviteMailValues& values);

// A value that becomes (part of) a header: valid UTF-8 with no control
// character (no CR or LF, TAB, NUL, DEL, C1 controls, U+2028/2029) and at
// most `max` code points. INVALID_ARGUMENT naming `field` otherwise.
absl::Status CheckHeaderText(const std::string& field, const std::string& value, size_t max);

// A name that lands in an approved template and a header (CON-13): a header
// value of at most `max` code points holding no link or address ("://",
// "www.", "@"), so no one sends their own text for a link through the
// company's relay. INVALID_ARGUMENT naming `field` otherwise.
absl::Status CheckMailName(const std::string& field, const std::string& name, size_t max);

// The recipient's name of an e-mail invite: free text that lands in an
// approved template, so it may carry no link or address (no "://", "www."
// or "@": a field user must not send their own text for a link through the
// company's relay) and is a header value of at most kMaxRecipientName code
// points. INVALID_ARGUMENT naming recipient_name (CON-13) otherwise.
inline constexpr size_t kMaxRecipientName = 100;
absl::Status CheckRecipientName(const std::string& name);

// One mailbox, addr-spec only (local@domain, no display name, no list, no
// comment, no quoting, ASCII): dot-atom local part of at most 64, domain of
// LDH labels with a dot, at most 254 in all. INVALID_ARGUMENT naming `field`.
absl::Status CheckMailbox(const std::string& field, const std::string& address);

// A header value as RFC 2047 wants it: printable ASCII stays as it is; any
// other text becomes UTF-8 "B" encoded-words of at most 75 characters, never
// splitting a character, folded with CRLF SP. `value` must have passed
// CheckHeaderText.
std::string EncodeHeaderText(const std::string& value);
// `"Display Name" <address>` (quoted, or an encoded-word when not ASCII), or
// the bare address when `display_name` is empty. Both must have passed the
// checks above.
std::string FormatMailbox(const std::string& display_name, const std::string& address);

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_RULES_MAIL_RULES_H_
