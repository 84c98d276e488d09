#include "tests/support/test_env.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
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

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

std::string UniqueName(const std::string& prefix) {
  static std::mt19937_64 rng(std::random_device{}());
  static const char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::string out = prefix;
  for (int i = 0; i < 12; ++i) out += kChars[rng() % 36];
  return out;
}

}  // namespace engage::testing
