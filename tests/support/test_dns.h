#ifndef ENGAGE_TESTS_SUPPORT_TEST_DNS_H_
#define ENGAGE_TESTS_SUPPORT_TEST_DNS_H_

#include <string>
#include <vector>

#include "tests/support/python_server.h"

namespace engage::testing {

// A DNS server for tests (tests/support/test_dns.py, Debian's python3-dnslib)
// on 127.0.0.1, answering A records a test sets, with TTL 0. gRPC's c-ares
// resolver asks it when a target names it as the authority:
// Target("profile.test", 50051) is "dns://127.0.0.1:<port>/profile.test:50051".
class TestDns {
 public:
  // A free port; started before the constructor returns.
  TestDns();
  ~TestDns();
  TestDns(const TestDns&) = delete;
  TestDns& operator=(const TestDns&) = delete;

  int port() const { return port_; }
  std::string Target(const std::string& name, int port) const;
  // From the next query on, `name` resolves to `addresses` (IPv4).
  void Set(const std::string& name, const std::vector<std::string>& addresses);

 private:
  int port_;
  std::string zone_;
  PythonServer server_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_TEST_DNS_H_
