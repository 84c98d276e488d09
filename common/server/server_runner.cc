#include "common/server/server_runner.h"

#include <grpcpp/resource_quota.h>
#include <malloc.h>
#include <signal.h>

#include <algorithm>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "common/config/pem_file.h"
#include "common/log/log.h"
#include "common/server/call_observer.h"
#include "common/server/call_records.h"
#include "common/server/metrics.h"

namespace engage::server {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& what, const std::string& path) {
  std::optional<std::string> contents = config::ReadPemFile(path);
  if (!contents.has_value()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", what, " \"", path, "\""));
  }
  return *contents;
}

sigset_t ShutdownSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

void BlockShutdownSignals() {
  sigset_t set = ShutdownSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

ServerRunner::ServerRunner(ServerConfig config) : config_(std::move(config)) {
  // Debian's Abseil is built with deadlock detection on: every absl::Mutex
  // gRPC takes then walks a lock graph (GraphCycles::GetId, 3% of the
  // gateway's CPU per call in bench row 2). It is a debugging aid; ours are
  // production servers.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

ServerRunner::~ServerRunner() { Shutdown(); }

void ServerRunner::AddService(grpc::Service* service, const std::string& full_name) {
  services_.emplace_back(service, full_name);
  names_.push_back(full_name);
}

void ServerRunner::AddGenericService(grpc::CallbackGenericService* generic,
                                     const std::vector<std::string>& full_names) {
  generic_ = generic;
  names_.insert(names_.end(), full_names.begin(), full_names.end());
}

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
CallInterceptors() {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(std::make_unique<CallObserverFactory>());
  interceptors.push_back(std::make_unique<CallRecorder>());
  return interceptors;
}

absl::Status ServerRunner::Start() {
  std::shared_ptr<grpc::ServerCredentials> creds = grpc::InsecureServerCredentials();
  if (!config_.tls_cert_file.empty() || !config_.tls_key_file.empty()) {
    auto cert = ReadFile("TLS certificate", config_.tls_cert_file);
    if (!cert.ok()) return cert.status();
    auto key = ReadFile("TLS key", config_.tls_key_file);
    if (!key.ok()) return key.status();
    grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back({*key, *cert});
    creds = grpc::SslServerCredentials(ssl);
  }

  std::vector<std::string> reflected = names_;
  reflected.push_back("grpc.health.v1.Health");
  reflected.push_back("grpc.reflection.v1.ServerReflection");
  reflected.push_back("grpc.reflection.v1alpha.ServerReflection");
  const OpenStreams::Limits& bounds = config_.open_streams;
  if (bounds.per_peer > 0 || bounds.total > 0 || bounds.lifetime > absl::ZeroDuration()) {
    open_streams_ = std::make_unique<OpenStreams>(bounds);
    health_.BoundStreams(open_streams_.get());
  }
  reflection_v1_ = std::make_unique<ReflectionV1>(reflected, open_streams_.get());
  reflection_v1alpha_ = std::make_unique<ReflectionV1Alpha>(reflected, open_streams_.get());
  // Every method this server answers has its series before the first call.
  Metrics::Get().Declare(reflected);

  grpc::ServerBuilder builder;
  const std::string address = absl::StrCat(config_.host, ":", config_.port);
  builder.AddListeningPort(address, creds, &port_);
  builder.SetMaxReceiveMessageSize(config_.max_message_bytes);
  builder.SetMaxSendMessageSize(config_.max_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, config_.max_streams_per_connection);
  builder.AddChannelArgument(
      GRPC_ARG_MAX_CONNECTION_AGE_MS,
      static_cast<int>(absl::ToInt64Milliseconds(config_.max_connection_age)));
  builder.AddChannelArgument(
      GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
      static_cast<int>(absl::ToInt64Milliseconds(config_.max_connection_age_grace)));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS,
                             static_cast<int>(absl::ToInt64Milliseconds(config_.keepalive_time)));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20000);
  // Clients ping at most every 30 s (ours every 60 s); more often is abuse.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 30000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS,
                              config_.max_idle_threads);
  if (config_.max_threads > 0) {
    grpc::ResourceQuota quota("engage-server");
    quota.SetMaxThreads(config_.max_threads);
    builder.SetResourceQuota(quota);
  }
  for (auto& [service, name] : services_) builder.RegisterService(service);
  builder.RegisterService(&health_);
  builder.RegisterService(reflection_v1_.get());
  builder.RegisterService(reflection_v1alpha_.get());
  if (generic_ != nullptr) builder.RegisterCallbackGenericService(generic_);
  builder.experimental().SetInterceptorCreators(CallInterceptors());

  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", address));
  }
  if (config_.health_port >= 0) {
    health_twin_ = health_.Twin();
    grpc::ServerBuilder health_builder;
    health_builder.AddListeningPort(absl::StrCat(config_.host, ":", config_.health_port),
                                    grpc::InsecureServerCredentials(), &health_port_);
    health_builder.RegisterService(health_twin_.get());
    health_server_ = health_builder.BuildAndStart();
    if (health_server_ == nullptr || health_port_ == 0) {
      server_->Shutdown();
      return absl::UnavailableError(absl::StrCat("cannot listen for health checks on ",
                                                 config_.host, ":", config_.health_port));
    }
  }
  if (config_.metrics_port >= 0) {
    if (absl::Status st = metrics_.Start(config_.host, config_.metrics_port); !st.ok()) {
      server_->Shutdown();
      return st;
    }
  }
  if (config_.memory_trim_interval > absl::ZeroDuration()) {
    trimmer_ = std::make_unique<PeriodicTask>(config_.memory_trim_interval, [] { malloc_trim(0); });
  }
  health_.SetStatus("", grpc::health::v1::HealthCheckResponse::SERVING);
  for (const auto& name : names_) {
    health_.SetStatus(name, grpc::health::v1::HealthCheckResponse::SERVING);
  }
  log::Info("serving", {{"address", absl::StrCat(config_.host, ":", port_)},
                        {"metrics_port", absl::StrCat(metrics_.port())},
                        {"health_port", absl::StrCat(health_port_)},
                        {"tls", config_.tls_cert_file.empty() ? "off" : "on"}});
  return absl::OkStatus();
}

void ServerRunner::ServeUntilSignal(const std::function<void()>& on_signal) {
  sigset_t set = ShutdownSignals();
  int signal_number = 0;
  sigwait(&set, &signal_number);
  log::Info("shutting down",
            {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"},
             {"grace_seconds", absl::StrCat(absl::ToInt64Seconds(config_.grace))}});
  if (on_signal) on_signal();
  // NOT_SERVING first, still serving: the clients' health watches move new
  // calls to other replicas before the server refuses any.
  // Done once every watcher was told (then a moment for a call it picked
  // just before), or after `drain` when some client does not answer.
  health_.Shutdown();
  if (config_.drain > absl::ZeroDuration()) {
    const auto limit = absl::ToChronoMilliseconds(config_.drain);
    if (health_.WaitUntilUnwatched(limit)) {
      absl::SleepFor(std::min(config_.drain, absl::Milliseconds(50)));
    }
  }
  Shutdown();
}

void ServerRunner::Shutdown() {
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  health_.Shutdown();
  // Refuses new calls at once; calls in flight get until the deadline.
  server_->Shutdown(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(config_.grace));
  server_->Wait();
  if (health_server_ != nullptr) health_server_->Shutdown(std::chrono::system_clock::now());
  metrics_.Stop();
  trimmer_.reset();
  log::Info("stopped");
}

}  // namespace engage::server
