#ifndef ENGAGE_GATEWAY_INVITE_PAGE_H_
#define ENGAGE_GATEWAY_INVITE_PAGE_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/time/clock.h"

namespace engage::gateway {

struct InvitePageOptions {
  std::string host = "0.0.0.0";
  int port = 8080;  // 0 picks a free port
  // Where the invite links point (connection_svc's link_base): the page is
  // served under its path, e.g. /invite/<token>.
  std::string link_base = "https://engage.example.com/invite";
  // Both set: HTTPS with the gateway's own certificate.
  std::string tls_cert_file;
  std::string tls_key_file;
  // Requests per client address, against token guessing before any token
  // is verified (SEC-11, CON-12).
  double requests_per_minute_per_address = 60;
  double burst_per_address = 30;
  // The client address is taken from X-Forwarded-For behind this many proxies
  // of ours (the chart's Ingress: 1); 0 uses the TCP peer (ClientAddressOf).
  int trusted_proxy_hops = 0;
  // Sent with every call the page makes, naming its client, so the gateway
  // counts that client's bad tokens, not the page's (GatewayThrottles).
  std::string relay_key;
  absl::Duration call_deadline = absl::Seconds(10);
};

// The invite landing page (CON-12): an HTTP(S) listener beside the gateway's
// gRPC port, on cpp-httplib. GET <path>/<token> is the same page for every
// token; the HCP's bearer token (pasted, kept in sessionStorage) goes with
// the script's POSTs to <path>/<token>/{preview,accept,decline}, which call
// PreviewInvite, SignUpHcp + AcceptInvite and DeclineInvite on `gateway` (an
// in-process channel to the gateway itself): the same authentication, roles,
// rates and shares as any other call.
class InvitePage {
 public:
  InvitePage(InvitePageOptions options, std::shared_ptr<grpc::Channel> gateway, const Clock& clock);
  ~InvitePage();

  // Binds and serves on a thread of its own. UNAVAILABLE when the port
  // cannot be bound, INVALID_ARGUMENT when the TLS files cannot be used.
  absl::Status Start();
  int port() const;
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace engage::gateway

#endif  // ENGAGE_GATEWAY_INVITE_PAGE_H_
