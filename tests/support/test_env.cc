#include "tests/support/test_env.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "common/auth/jwt.h"

namespace engage::testing {

std::string TestDir() {
  const char* dir = std::getenv("ENGAGE_TEST_DIR");
  if (dir == nullptr)
    throw std::runtime_error("ENGAGE_TEST_DIR is not set (run the tests with ctest)");
  return dir;
}

mysql::DbConfig TestServerConfig(const std::string& database) {
  const std::string dir = TestDir() + "/test-mariadb";
  std::ifstream port_file(dir + "/port");
  int port = 0;
  port_file >> port;
  if (port == 0) throw std::runtime_error(absl::StrCat("no test MariaDB port in ", dir, "/port"));
  mysql::DbConfig c;
  c.host = "127.0.0.1";
  c.port = port;
  c.name = database;
  c.user = "engage";
  c.password = "engage";
  c.pool_size = 8;
  return c;
}

std::string Token(auth::Role role, const std::string& tenant, const std::string& subject,
                  const auth::TokenScope& scope) {
  auto token =
      auth::MintHs256(kTestSecret, {subject, role, tenant}, absl::Now(), absl::Hours(1), scope);
  if (!token.ok()) throw std::runtime_error(std::string(token.status().message()));
  return *token;
}

namespace {

// Below the kernel's ephemeral range (ip_local_port_range, 32768-60999 here and
// on Debian by default): no bind(0) or outgoing connection of another process
// takes a port from it between our choosing it and the server binding it.
constexpr int kFirstTestPort = 20000;
constexpr int kLastTestPort = 32000;

bool Bindable(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// Claims `port` among this machine's test processes until this process ends:
// an flock on a file per port (released by the kernel when the process exits,
// however it exits). The file's descriptor is kept open on purpose.
bool Claim(const std::string& dir, int port) {
  const std::string path = absl::StrCat(dir, "/", port);
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return false;
  }
  return true;
}

}  // namespace

int FreePort() {
  // Servers start seconds after their port is chosen (a mesh picks all its
  // ports first): the port must stay ours meanwhile, or two test processes
  // start servers on one port, and gRPC's SO_REUSEPORT lets both bind and
  // share its connections (a first call then reaches another test's mesh).
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = absl::StrCat(tmp == nullptr ? "/tmp" : tmp, "/engage-test-ports");
  mkdir(dir.c_str(), 0777);
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  static std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> pick(kFirstTestPort, kLastTestPort);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const int port = pick(random);
    if (Claim(dir, port)) {
      if (Bindable(port)) return port;
      // Held by something outside the tests: leave it claimed, try another.
    }
  }
  throw std::runtime_error(absl::StrCat("no free test port in ", kFirstTestPort, "-", kLastTestPort,
                                        " after 1000 tries (", dir, ")"));
}

std::string UniqueName(const std::string& prefix) {
  static std::mt19937_64 rng(std::random_device{}());
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out = prefix;
  for (int i = 0; i < 12; ++i) out += kChars[rng() % 36];
  return out;
}

}  // namespace engage::testing
