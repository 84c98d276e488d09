#ifndef ENGAGE_TESTS_INTEGRATION_CONNECTION_SVC_INVITE_MAIL_FIXTURE_H_
#define ENGAGE_TESTS_INTEGRATION_CONNECTION_SVC_INVITE_MAIL_FIXTURE_H_

// An e-mail invite as the tests of its SMTP sender and its outbox send it (CON-13).
#include <string>

#include "connection_svc/smtp_sender.h"

namespace engage::connection {

inline OutgoingMail SampleMail(const std::string& subject = "Zoë Ångström invites you to connect") {
  return OutgoingMail{"abernathy@clinic.example", "Dr Ábernathy", "Zoë Ångström",
                      RenderedMail{subject,
                                   "Dear Dr Ábernathy,\n\nZoë would like to connect: "
                                   "https://engage.example.com/invite/TOKEN123\n\n" +
                                       std::string(120, 'x') + " — fin\n"}};
}

inline SmtpSettings LoopbackSmtp(int port, StartTls starttls = StartTls::kOff) {
  SmtpSettings s;
  s.host = "127.0.0.1";
  s.port = port;
  s.starttls = starttls;
  s.from_address = "engage@mesh.example";
  s.timeout = absl::Seconds(5);
  return s;
}

}  // namespace engage::connection

#endif  // ENGAGE_TESTS_INTEGRATION_CONNECTION_SVC_INVITE_MAIL_FIXTURE_H_
