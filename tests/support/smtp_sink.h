#ifndef ENGAGE_TESTS_SUPPORT_SMTP_SINK_H_
#define ENGAGE_TESTS_SUPPORT_SMTP_SINK_H_

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/support/python_server.h"

namespace engage::testing {

// A real SMTP server for tests (CON-13): tests/support/smtp_sink.py (Debian's
// python3-aiosmtpd) on 127.0.0.1, no TLS, no AUTH, writing what it receives
// to a folder of its own. Stop and Start again keep the port and the folder,
// so a test can take the server away and bring it back.
class SmtpSink {
 public:
  // A free port and a fresh folder; started before the constructor returns.
  SmtpSink();
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return port_; }
  // Starts the server and waits until it listens (false after 15 s).
  bool Start();
  // SIGTERM, and waits until it has gone.
  void Stop();

  // One received message: the bytes as received (`raw`, with an
  // X-Envelope-From line on top) and what Python's e-mail package decoded
  // (`json`: mail_from, rcpt_tos, from, to, subject, message_id, body, headers).
  struct Received {
    std::string raw;
    std::string json;
  };
  std::vector<Received> Messages() const;
  // Messages() once it holds at least `count`, or whatever it holds after `timeout`.
  std::vector<Received> WaitMessages(size_t count, absl::Duration timeout) const;

 private:
  int port_;
  std::string folder_;
  PythonServer server_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_SMTP_SINK_H_
