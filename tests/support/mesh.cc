#include "tests/support/mesh.h"

#include <stdexcept>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "tests/support/test_env.h"

namespace engage::testing {

Mesh::Mesh(Options options) : options_(std::move(options)) {
  for (const char* name : {"gateway", "profile", "connection", "promomats"})
    ports_[name] = FreePort();
  Start("profile", "engage-profile", "engage.profile.v1.ProfileService");
  Start("connection", "engage-connection", "engage.connection.v1.ConnectionService");
  Start("promomats", "engage-promomats", "engage.promomats.v1.PromoMatsService");
  Start("gateway", "engage-gateway", "");
}

// All four stopped at once: a server's graceful stop takes up to two seconds
// (engage-profile 1.9 s in a test's log), which one after another added up at
// the end of every e2e test (each is its own process with its own mesh).
Mesh::~Mesh() {
  for (auto& [name, process] : processes_) process->RequestStop();
  for (auto& [name, process] : processes_) process->Terminate(absl::Seconds(20));
}

std::map<std::string, std::string> Mesh::Env(const std::string& name) const {
  return envs_.at(name);
}

void Mesh::Start(const std::string& name, const std::string& binary,
                 const std::string& health_service) {
  const mysql::DbConfig db = db_.config();
  std::map<std::string, std::string> env = {
      {"ENGAGE_GRPC_HOST", "127.0.0.1"},
      {"ENGAGE_GRPC_PORT", std::to_string(ports_.at(name))},
      {"ENGAGE_METRICS_PORT", "0"},
      {"ENGAGE_SHUTDOWN_GRACE_SECONDS", "5"},
      {"ENGAGE_JWT_HS256_SECRET", kTestSecret},
      {"ENGAGE_SECRET_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="},  // SEC-10, test only
      {"ENGAGE_LOG_LEVEL", "info"},
  };
  if (name == "gateway") {
    for (const char* backend : {"profile", "connection", "promomats"}) {
      env[absl::StrCat("ENGAGE_", absl::AsciiStrToUpper(backend), "_TARGET")] =
          absl::StrCat("dns:///", Address(backend));
    }
  } else {
    env["ENGAGE_DB_HOST"] = db.host;
    env["ENGAGE_DB_PORT"] = std::to_string(db.port);
    env["ENGAGE_DB_NAME"] = db.name;
    env["ENGAGE_DB_USER"] = db.user;
    env["ENGAGE_DB_PASSWORD"] = db.password;
    env["ENGAGE_PROFILE_TARGET"] = absl::StrCat("dns:///", Address("profile"));
    env["ENGAGE_CONNECTION_TARGET"] = absl::StrCat("dns:///", Address("connection"));
    env["ENGAGE_PROMOMATS_TARGET"] = absl::StrCat("dns:///", Address("promomats"));
  }
  for (const char* key : {"*", name.c_str()}) {
    auto extra = options_.env.find(key);
    if (extra == options_.env.end()) continue;
    for (const auto& [k, v] : extra->second) env[k] = v;
  }
  envs_[name] = env;
  Launch(name, binary, health_service);
}

void Mesh::Launch(const std::string& name, const std::string& binary,
                  const std::string& health_service) {
  auto process = std::make_unique<Process>(binary, envs_.at(name));
  if (!WaitServing(Address(name), health_service, absl::Seconds(30))) {
    throw std::runtime_error(
        absl::StrCat(binary, " did not become SERVING; output:\n", process->Output()));
  }
  processes_[name] = std::move(process);
}

void Mesh::Restart(const std::string& name) {
  processes_.at(name)->Kill();
  Launch(name, "engage-" + name, "");
}

std::shared_ptr<grpc::Channel> Mesh::Channel(const std::string& name) const {
  return grpc::CreateChannel(Address(name), grpc::InsecureChannelCredentials());
}

std::unique_ptr<grpc::ClientContext> Mesh::Context(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!token.empty()) context->AddMetadata("authorization", "Bearer " + token);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

std::unique_ptr<grpc::ClientContext> Mesh::Context(auth::Role role, const std::string& tenant,
                                                   const std::string& subject) {
  return Context(Token(role, tenant, subject));
}

}  // namespace engage::testing
