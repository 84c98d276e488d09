#include "tests/support/in_process_service.h"

#include "absl/strings/str_cat.h"
#include "common/server/server_runner.h"
#include "common/status/status_macros.h"
#include "common/time/clock.h"
#include "db/embedded_migrations.h"
#include "profile_svc/wiring.h"
#include "tests/support/test_env.h"

namespace engage::testing {

InProcessService::InProcessService(const server::ServiceBinary& binary)
    : options_(binary.program, binary.summary) {}

InProcessService::~InProcessService() {
  if (built_ != nullptr && built_->wiring != nullptr) built_->wiring->Stop();
  if (server_ != nullptr) server_->Shutdown();
}

absl::StatusOr<std::unique_ptr<InProcessService>> InProcessService::Start(
    const server::ServiceBinary& binary, std::map<std::string, std::string> flags,
    bool on_loopback) {
  std::unique_ptr<InProcessService> service(new InProcessService(binary));
  server::AddServiceOptions(service->options_, binary);
  const mysql::DbConfig db = service->database_.config();
  flags.emplace("db-host", db.host);
  flags.emplace("db-port", absl::StrCat(db.port));
  flags.emplace("db-name", db.name);
  flags.emplace("db-user", db.user);
  flags.emplace("db-password", db.password);
  flags.emplace("jwt-hs256-secret", kTestSecret);
  if (absl::Status st = service->options_.ParseFrom(flags, {}); !st.ok()) return st;

  auto built =
      server::BuildService(service->options_, binary, SystemClock::Get(), db::EmbeddedMigrations());
  if (!built.ok()) return built.status();
  service->built_ = *std::move(built);

  grpc::ServerBuilder builder;
  for (auto& [grpc_service, name] : service->built_->wiring->services) {
    builder.RegisterService(grpc_service);
  }
  int port = 0;
  if (on_loopback) {
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  }
  builder.experimental().SetInterceptorCreators(server::CallInterceptors());
  service->server_ = builder.BuildAndStart();
  if (service->server_ == nullptr) return absl::InternalError("in-process server did not start");
  if (on_loopback) service->target_ = absl::StrCat("127.0.0.1:", port);
  service->channel_ = service->server_->InProcessChannel(grpc::ChannelArguments());
  return service;
}

absl::StatusOr<WithProfiles> StartWithProfiles(const server::ServiceBinary& binary) {
  WithProfiles started;
  ASSIGN_OR_RETURN(started.profiles,
                   InProcessService::Start(profile::ProfileServiceBinary(), {}, true));
  ASSIGN_OR_RETURN(started.service, InProcessService::Start(
                                        binary, {{"profile-target", started.profiles->target()}}));
  return started;
}

}  // namespace engage::testing
