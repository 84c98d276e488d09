#ifndef ENGAGE_CONNECTION_SVC_SMTP_SENDER_H_
#define ENGAGE_CONNECTION_SVC_SMTP_SENDER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connection_svc/mail_sender.h"

namespace engage::connection {

// Whether the SMTP session must be encrypted with STARTTLS: kRequired fails a
// send when the server does not offer it; kOptional uses it when offered;
// kOff never does (a relay on the pod's own network, or tests).
enum class StartTls { kRequired, kOptional, kOff };
// "required", "optional" or "off"; INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<StartTls> ParseStartTls(const std::string& field, const std::string& value);

struct SmtpSettings {
  std::string host;
  int port = 587;
  StartTls starttls = StartTls::kRequired;
  // Empty user: no AUTH. Never logged.
  std::string user;
  std::string password;
  // The envelope sender and the address of the From header; its domain
  // ends every Message-ID.
  std::string from_address;
  // PEM CA bundle the server's certificate is verified against (empty: the system's).
  std::string ca_file;
  absl::Duration timeout = absl::Seconds(30);
};

// MailSender over libcurl's SMTP: one session per message, the message built
// with curl_mime (one text/plain UTF-8 part, quoted-printable) under the
// headers mail_rules formats (encoded-words for non-ASCII text).
class SmtpSender final : public MailSender {
 public:
  explicit SmtpSender(SmtpSettings settings);
  absl::Status Send(const OutgoingMail& mail, const std::string& message_id) override;

 private:
  SmtpSettings settings_;
};

}  // namespace engage::connection

#endif  // ENGAGE_CONNECTION_SVC_SMTP_SENDER_H_
