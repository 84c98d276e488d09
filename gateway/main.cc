// engage-gateway: the one public entry of the mesh.
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "common/client/service_client.h"
#include "common/config/standard_options.h"
#include "common/log/log.h"
#include "common/server/server_runner.h"
#include "common/time/id_generator.h"
#include "gateway/backend_health.h"
#include "gateway/gateway_service.h"
#include "gateway/invite_page.h"

namespace {

// Each backend and its default port.
const std::vector<std::pair<std::string, int>> kBackends = {
    {"profile", 50051}, {"connection", 50052}, {"promomats", 50053}};

}  // namespace

int main(int argc, char** argv) {
  engage::server::BlockShutdownSignals();
  engage::config::Options options("engage-gateway",
                                  "the public entry: authentication, roles, limits, routing");
  engage::config::AddServerOptions(options, 50050);
  engage::config::AddAuthOptions(options);
  for (const auto& [backend, port] : kBackends) {
    options.AddString(
        backend + "-target", absl::StrCat("dns:///localhost:", port),
        "gRPC target of the " + backend + " service (dns:///host:port balances over replicas)");
  }
  options.AddString("backend-tls-ca-file", "",
                    "PEM CA certificate; when set, backends are called over TLS");
  options.AddInt("rate-limit-per-second", 50, 1, 1000000, "calls per second per caller");
  options.AddInt("rate-limit-burst", 100, 1, 1000000, "burst of calls per caller");
  options.AddInt("tenant-rate-limit-per-second", 1000, 1, 1000000,
                 "calls per second per tenant (SEC-11)");
  options.AddInt("tenant-rate-limit-burst", 2000, 1, 1000000, "burst of calls per tenant");
  options.AddInt("max-concurrent-calls", 1000, 1, 1000000,
                 "calls in flight before RESOURCE_EXHAUSTED");
  options.AddInt("max-concurrent-calls-per-tenant", 0, 0, 1000000,
                 "a tenant's share of max-concurrent-calls (0: a quarter of it)");
  options.AddInt("max-concurrent-calls-per-caller", 0, 0, 1000000,
                 "a caller's share of max-concurrent-calls (0: a twentieth of it)");
  options.AddInt("request-message-timeout-millis", 2000, 1, 3600000,
                 "how long a call may wait for its request message before it is ended");
  options.AddInt("auth-failures-per-peer-burst", 200, 0, 1000000,
                 "failed authentications from one address before it is refused (0: no limit)");
  options.AddInt("auth-failures-per-peer-per-second", 20, 1, 1000000,
                 "how fast an address's budget of failed authentications comes back");
  options.AddInt("default-deadline-millis", 10000, 1, 3600000, "deadline of calls that set none");
  options.AddInt("max-deadline-millis", 60000, 1, 3600000, "longest deadline passed on");
  options.AddInt("public-streams-per-peer", 4, 0, 100000,
                 "health Watch and reflection streams one client address may hold open on the "
                 "gRPC port, which answers them without a token (SEC-11); 0: no bound");
  options.AddInt("public-streams-total", 64, 0, 1000000,
                 "health Watch and reflection streams open on the gRPC port in all (SEC-11; "
                 "each ends after max-deadline-millis); 0: no bound");
  options.AddInt("max-message-bytes", 4 << 20, 1024, 64 << 20, "largest request or response");
  // The invite landing page (CON-12).
  options.AddInt("page-port", -1, -1, 65535,
                 "HTTP(S) port of the invite landing page (-1: none, 0: a free one; HTTPS when "
                 "TLS is on)");
  options.AddString("invite-link-base", "https://engage.example.com/invite",
                    "base URL of invite links, as connection_svc's: the page serves its path");
  options.AddInt("page-requests-per-minute-per-address", 60, 1, 1000000,
                 "requests to the invite page per minute per client address");
  options.AddInt("page-burst-per-address", 30, 1, 1000000,
                 "burst of requests to the invite page per client address");
  options.AddInt("page-trusted-proxy-hops", 0, 0, 10,
                 "proxies of ours in front of the invite page (the chart's Ingress: 1): the "
                 "client address is the entry this far from the right of X-Forwarded-For; 0 "
                 "uses the TCP peer and ignores the header");
  engage::config::ParseOrExit(options, argc, argv);
  engage::log::Init(options.GetString("log-level"));

  const engage::Clock& clock = engage::SystemClock::Get();
  auto verifier = engage::config::VerifierFrom(options, clock);
  if (!verifier.ok()) engage::config::Fail(argv[0], verifier.status());
  auto credentials = engage::client::BackendCredentials(options.GetString("backend-tls-ca-file"));
  if (!credentials.ok()) engage::config::Fail(argv[0], credentials.status());

  const int max_message_bytes = static_cast<int>(options.GetInt("max-message-bytes"));
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::string> backend_names;
  for (const auto& [b, port] : kBackends) {
    backend_names.push_back(b);
    channels[b] = engage::client::BalancedChannel(options.GetString(b + "-target"), *credentials,
                                                  max_message_bytes);
  }
  engage::gateway::RouteTable routes = engage::gateway::RouteTable::FromDescriptors(backend_names);
  std::map<std::string, std::shared_ptr<grpc::Channel>> service_channels;
  for (const auto& [service, backend] : routes.ServiceBackends()) {
    service_channels[service] = channels[backend];
  }

  engage::RateLimiter limiter(static_cast<double>(options.GetInt("rate-limit-per-second")),
                              static_cast<double>(options.GetInt("rate-limit-burst")), clock);
  engage::RateLimiter tenant_limiter(
      static_cast<double>(options.GetInt("tenant-rate-limit-per-second")),
      static_cast<double>(options.GetInt("tenant-rate-limit-burst")), clock);
  engage::gateway::PeerThrottleLimits peer_limits;
  peer_limits.burst = static_cast<int>(options.GetInt("auth-failures-per-peer-burst"));
  peer_limits.refill_per_second =
      static_cast<double>(options.GetInt("auth-failures-per-peer-per-second"));
  engage::gateway::PeerThrottle bad_tokens(peer_limits, clock);
  engage::gateway::GatewayLimits limits;
  limits.concurrency = engage::gateway::ConcurrencyLimitsOf(
      static_cast<int>(options.GetInt("max-concurrent-calls")),
      static_cast<int>(options.GetInt("max-concurrent-calls-per-tenant")),
      static_cast<int>(options.GetInt("max-concurrent-calls-per-caller")));
  limits.request_message_timeout =
      absl::Milliseconds(options.GetInt("request-message-timeout-millis"));
  limits.default_deadline = absl::Milliseconds(options.GetInt("default-deadline-millis"));
  limits.max_deadline = absl::Milliseconds(options.GetInt("max-deadline-millis"));
  // SEC-11: the invite page's in-process calls name their client with this
  // key (random per process), so one client's bad tokens cost only that client.
  const std::string page_relay_key =
      options.GetInt("page-port") >= 0 ? engage::RandomToken(32) : std::string();
  if (options.GetInt("page-port") >= 0 && page_relay_key.empty()) {
    engage::config::Fail(argv[0], absl::UnavailableError("no secure random source"));
  }
  engage::gateway::GatewayService gateway(
      routes, channels, **verifier, {limiter, tenant_limiter, bad_tokens, page_relay_key}, limits);

  engage::server::ServerConfig server_config = engage::config::ServerConfigFrom(options);
  server_config.max_message_bytes = max_message_bytes;
  server_config.open_streams = {static_cast<int>(options.GetInt("public-streams-per-peer")),
                                static_cast<int>(options.GetInt("public-streams-total")),
                                limits.max_deadline};
  engage::server::ServerRunner runner(server_config);
  runner.AddGenericService(&gateway, routes.PublicServices());
  if (auto st = runner.Start(); !st.ok()) engage::config::Fail(argv[0], st);
  engage::gateway::BackendHealth backend_health(service_channels, runner.health(),
                                                std::chrono::seconds(2));
  backend_health.Start();
  std::unique_ptr<engage::gateway::InvitePage> page;
  if (options.GetInt("page-port") >= 0) {
    engage::gateway::InvitePageOptions page_options;
    page_options.host = options.GetString("grpc-host");
    page_options.port = static_cast<int>(options.GetInt("page-port"));
    page_options.link_base = options.GetString("invite-link-base");
    page_options.tls_cert_file = server_config.tls_cert_file;
    page_options.tls_key_file = server_config.tls_key_file;
    page_options.requests_per_minute_per_address =
        static_cast<double>(options.GetInt("page-requests-per-minute-per-address"));
    page_options.burst_per_address = static_cast<double>(options.GetInt("page-burst-per-address"));
    page_options.trusted_proxy_hops = static_cast<int>(options.GetInt("page-trusted-proxy-hops"));
    page_options.relay_key = page_relay_key;
    page_options.call_deadline = limits.default_deadline;
    page = std::make_unique<engage::gateway::InvitePage>(page_options, runner.InProcessChannel(),
                                                         clock);
    if (auto st = page->Start(); !st.ok()) engage::config::Fail(argv[0], st);
  }
  runner.ServeUntilSignal();
  if (page) page->Stop();
  backend_health.Stop();
  return 0;
}
