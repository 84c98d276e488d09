// engage-bench-echo: the baseline of scenario 1. The smallest gRPC server of
// our own, built with the same compiler, flags and gRPC library as the
// services and answering the same grpc.health.v1 Check with the same
// HealthService class, but without what common/server's ServerRunner adds
// (call observer with its JSON log line and metrics, reflection, TLS
// choice). The health-check ratio service/echo is the cost of that bootstrap.
#include <grpcpp/grpcpp.h>
#include <signal.h>

#include <iostream>

#include "absl/strings/str_cat.h"
#include "common/config/config.h"
#include "common/server/health_service.h"
#include "common/server/server_runner.h"

int main(int argc, char** argv) {
  engage::server::BlockShutdownSignals();
  engage::config::Options options("engage-bench-echo",
                                  "minimal gRPC health server (bench baseline)");
  options.AddString("grpc-host", "127.0.0.1", "address to listen on");
  options.AddInt("grpc-port", 0, 0, 65535, "port (0: a free one, printed)");
  engage::config::ParseOrExit(options, argc, argv);

  engage::server::HealthService health;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(
      absl::StrCat(options.GetString("grpc-host"), ":", options.GetInt("grpc-port")),
      grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&health);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "engage-bench-echo: cannot listen\n";
    return 1;
  }
  health.SetStatus("", grpc::health::v1::HealthCheckResponse::SERVING);
  std::cout << "listening on " << port << std::endl;

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  int signal_number = 0;
  sigwait(&set, &signal_number);
  health.Shutdown();
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server->Wait();
  return 0;
}
