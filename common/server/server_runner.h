#ifndef ENGAGE_COMMON_SERVER_SERVER_RUNNER_H_
#define ENGAGE_COMMON_SERVER_SERVER_RUNNER_H_

#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/server/health_service.h"
#include "common/server/metrics_endpoint.h"
#include "common/server/reflection_service.h"
#include "common/time/periodic_task.h"

namespace engage::server {

struct ServerConfig {
  std::string host = "0.0.0.0";
  int port = 0;          // 0 picks a free port (tests)
  int metrics_port = 0;  // -1 disables the metrics endpoint; 0 picks a free port
  // Plaintext port serving only grpc.health.v1, for probes that cannot speak
  // TLS (the kubelet's); -1 disables it.
  int health_port = -1;
  std::string tls_cert_file;
  std::string tls_key_file;
  absl::Duration grace = absl::Seconds(15);
  // After SIGTERM and before the server stops taking calls: its health turns
  // NOT_SERVING at once, and clients that watch it (our balanced channels:
  // client-side health checking) stop sending it calls within a round trip.
  // Without it a call that reaches the server as it shuts down is CANCELLED
  // unrun (gRPC's synchronous server drops what it has not started), which
  // no client may safely retry (issue 18, found by the fault suite).
  absl::Duration drain = absl::Seconds(1);
  int max_message_bytes = 4 << 20;
  // Streams a client connection may hold open. gRPC's default is unlimited:
  // an overloaded server then accepts every stream a client opens and keeps
  // each one's buffers until it gets to it, so its memory follows the
  // overload. Bounded, excess calls wait in the client's HTTP/2 queue.
  int max_streams_per_connection = 100;
  // Clients balance over dns:/// targets and re-resolve only when a
  // connection ends: a maximum age (with a grace for calls in flight) makes
  // every client reconnect now and then, so replicas the HPA adds get traffic.
  absl::Duration max_connection_age = absl::Minutes(5);
  absl::Duration max_connection_age_grace = absl::Seconds(30);
  // Keepalive pings find dead peers behind idle connections (NAT, a killed pod).
  absl::Duration keepalive_time = absl::Seconds(60);
  // Threads the sync server keeps waiting for calls. gRPC's default of 2
  // makes every worker past the second exit after its call and a new one
  // start for the next: under 16 concurrent calls, thread creation was 6% of
  // profile_svc's CPU (perf: clone3, page faults of fresh stacks).
  int max_idle_threads = 32;
  // How often memory the program freed goes back to the kernel (glibc's
  // malloc_trim); zero: never. glibc keeps freed memory in per-thread arenas
  // for reuse; as gRPC's threads take turns, a server's resident size crept
  // up while its live heap stayed flat (gateway: 23.6 -> 34.1 MiB over a
  // 10-minute soak, live heap near 0.5 MiB by heaptrack; bench row 7).
  absl::Duration memory_trim_interval = absl::Seconds(30);
  // SEC-11: the sync server's threads (grpc::ResourceQuota::SetMaxThreads);
  // past them a new call is answered RESOURCE_EXHAUSTED instead of taking
  // another thread. 0: no bound.
  int max_threads = 0;
  // SEC-11: the streams this server answers with no token (health Watch,
  // reflection) on its main port: per client address, in all, and how long
  // each may stay open (the gateway: its public port). No bound by default.
  OpenStreams::Limits open_streams;
};

// The interceptors of every server: the call observer (log line and metrics per
// call) and the call's record (its method, which the Gatekeeper checks, its
// x-request-id and its span of the caller's trace).
std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
CallInterceptors();

// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts,
// so that ServerRunner::ServeUntilSignal can wait for them. Call first in main.
void BlockShutdownSignals();

// The one server bootstrap of every binary: the given services plus health
// and reflection, optional TLS, the call observer (JSON log line and metrics
// per call), the metrics HTTP endpoint, and graceful shutdown: on SIGTERM it
// reports NOT_SERVING, refuses new calls, lets calls in flight finish within
// the grace period, then returns.
class ServerRunner {
 public:
  explicit ServerRunner(ServerConfig config);
  ~ServerRunner();

  // `full_name` is the proto service name, e.g. "engage.profile.v1.ProfileService".
  void AddService(grpc::Service* service, const std::string& full_name);
  // For the gateway: calls no registered service claims go to `generic`;
  // `full_names` are the services it stands for (health and reflection).
  void AddGenericService(grpc::CallbackGenericService* generic,
                         const std::vector<std::string>& full_names);

  // Binds and starts. UNAVAILABLE when the port cannot be bound, INVALID_ARGUMENT
  // when a TLS file cannot be read.
  absl::Status Start();
  int port() const { return port_; }
  int metrics_port() const { return metrics_.port(); }
  int health_port() const { return health_port_; }
  HealthService& health() { return health_; }
  // A channel to this server without a socket, after Start (the gateway's
  // invite page calls through the gateway's own checks with it).
  std::shared_ptr<grpc::Channel> InProcessChannel() {
    return server_->InProcessChannel(grpc::ChannelArguments());
  }

  // Waits for SIGTERM or SIGINT, runs `on_signal` (background work's stop
  // request), drains (NOT_SERVING for `drain`) and shuts down gracefully.
  void ServeUntilSignal(const std::function<void()>& on_signal = nullptr);
  // Graceful shutdown now (tests, or after a fatal background error).
  void Shutdown();

 private:
  ServerConfig config_;
  std::vector<std::pair<grpc::Service*, std::string>> services_;
  grpc::CallbackGenericService* generic_ = nullptr;
  std::vector<std::string> names_;
  std::unique_ptr<OpenStreams> open_streams_;
  HealthService health_;
  std::unique_ptr<ReflectionV1> reflection_v1_;
  std::unique_ptr<ReflectionV1Alpha> reflection_v1alpha_;
  MetricsEndpoint metrics_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<HealthService> health_twin_;
  std::unique_ptr<grpc::Server> health_server_;
  int port_ = 0;
  int health_port_ = 0;
  bool shut_down_ = false;
  std::unique_ptr<PeriodicTask> trimmer_;
};

}  // namespace engage::server

#endif  // ENGAGE_COMMON_SERVER_SERVER_RUNNER_H_
