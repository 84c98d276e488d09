#ifndef ENGAGE_TESTS_SUPPORT_MESH_H_
#define ENGAGE_TESTS_SUPPORT_MESH_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <string>

#include "common/auth/identity.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

namespace engage::testing {

// The whole mesh for an end-to-end test: a fresh migrated database, the three
// services and the gateway as real processes on free loopback ports, all
// serving before the constructor returns.
class Mesh {
 public:
  struct Options {
    // Extra ENGAGE_* variables per binary ("gateway", "profile", ...), or for all ("*").
    std::map<std::string, std::map<std::string, std::string>> env;
  };
  Mesh() : Mesh(Options{}) {}
  explicit Mesh(Options options);
  ~Mesh();

  // "gateway", "profile", "connection" or "promomats".
  std::string Address(const std::string& name) const {
    return "127.0.0.1:" + std::to_string(ports_.at(name));
  }
  std::shared_ptr<grpc::Channel> Channel(const std::string& name = "gateway") const;
  Process& process(const std::string& name) { return *processes_.at(name); }
  TestDatabase& db() { return db_; }
  // Kills `name` (SIGKILL, no shutdown) and starts it again with the same
  // environment and port, waiting until it serves.
  void Restart(const std::string& name);
  // The environment a binary was started with (to start another replica).
  std::map<std::string, std::string> Env(const std::string& name) const;

  // A client context carrying a bearer token (empty: none) and a 10 s deadline.
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& token);
  static std::unique_ptr<grpc::ClientContext> Context(auth::Role role, const std::string& tenant,
                                                      const std::string& subject);

 private:
  void Start(const std::string& name, const std::string& binary, const std::string& health_service);
  void Launch(const std::string& name, const std::string& binary,
              const std::string& health_service);

  Options options_;
  TestDatabase db_;
  std::map<std::string, int> ports_;
  std::map<std::string, std::map<std::string, std::string>> envs_;
  std::map<std::string, std::unique_ptr<Process>> processes_;
};

}  // namespace engage::testing

#endif  // ENGAGE_TESTS_SUPPORT_MESH_H_
