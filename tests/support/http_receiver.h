#ifndef ENGAGE_TESTS_SUPPORT_HTTP_RECEIVER_H_
#define ENGAGE_TESTS_SUPPORT_HTTP_RECEIVER_H_

#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/support/python_server.h"

namespace engage::testing {

// A real HTTP receiver for tests (CAT-08's engagement system):
// tests/support/http_receiver.py (python3's http.server) on 127.0.0.1,
// recording every request and answering as told: 200, another status, or
// not at all (kHang). Stop and Start keep the port and the record, so a test
// can take the receiver down and bring it back.
class HttpReceiver {
 public:
  static constexpr int kHang = -1;

  // A free port and a fresh folder; started before the constructor returns.
  HttpReceiver();

  int port() const { return port_; }
  // http://127.0.0.1:<port><path>
  std::string Url(const std::string& path = "/profile-data") const;
  bool Start() { return server_.Start(); }
  void Stop() { server_.Stop(); }
  // How the following requests are answered (a status, or kHang), after
  // `delay` (each request is recorded as it arrives, before the pause).
  void AnswerWith(int status, absl::Duration delay = absl::ZeroDuration());

  struct Request {
    std::string answered;  // "200", "503", "hang", ...
    std::string path;
    std::string idempotency_key;
    std::string content_type;
    std::string body;
    std::map<std::string, std::string> json;  // the body's top-level fields, as text
  };
  // Every request, in arrival order.
  std::vector<Request> Requests() const;
  // Those answered 2xx (the events the receiver took).
  std::vector<Request> Accepted() const;
  // Accepted() once it holds at least `count`, or whatever it holds after `timeout`.
  std::vector<Request> WaitAccepted(size_t count, absl::Duration timeout) const;
  // Requests() once it holds at least `count`, or whatever it holds after `timeout`.
  std::vector<Request> WaitRequests(size_t count, absl::Duration timeout) const;

 private:
  int port_;
  std::string folder_;
  PythonServer server_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_HTTP_RECEIVER_H_
