#include "tests/support/test_dns.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "tests/support/test_env.h"

namespace engage::testing {

TestDns::TestDns()
    : port_(FreePort()),
      zone_(absl::StrCat(TestDir(), "/test-logs/", UniqueName("dns-"), ".zone")),
      server_("test_dns.py", {std::to_string(port_), zone_}, zone_) {
  if (!server_.Start()) throw std::runtime_error("test_dns.py did not start");
}

TestDns::~TestDns() { server_.Stop(); }

std::string TestDns::Target(const std::string& name, int port) const {
  return absl::StrCat("dns://127.0.0.1:", port_, "/", name, ":", port);
}

void TestDns::Set(const std::string& name, const std::vector<std::string>& addresses) {
  const std::string next = zone_ + ".next";
  {
    std::ofstream out(next);
    for (const auto& address : addresses) out << name << " " << address << "\n";
  }
  std::rename(next.c_str(), zone_.c_str());  // the server never reads half a file
}

}  // namespace engage::testing
