#ifndef ENGAGE_COMMON_CLIENT_SERVICE_CLIENT_H_
#define ENGAGE_COMMON_CLIENT_SERVICE_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/auth/jwt.h"
#include "common/config/config.h"
#include "common/time/clock.h"

namespace engage::client {

// A channel that balances per call over every address of `target` (dns:///
// names resolve to all replicas; round robin), and that retries a lost
// backend within seconds rather than gRPC's default of up to two minutes.
std::shared_ptr<grpc::Channel> BalancedChannel(
    const std::string& target, std::shared_ptr<grpc::ChannelCredentials> credentials,
    int max_message_bytes = 4 << 20);

// Credentials for calling backends: TLS verified against the PEM CA in
// `ca_file`, or plaintext when it is empty. INVALID_ARGUMENT names an
// unreadable file.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> BackendCredentials(
    const std::string& ca_file);

// Where a service gets the SERVICE-role token it calls other services with:
// ENGAGE_SERVICE_TOKEN_FILE (production: a short-lived token the identity
// provider issues, renewed into the file; re-read when it changes), else
// ENGAGE_SERVICE_TOKEN (a fixed token), else a 10-minute token it mints and
// renews itself with the HS256 secret (local runs and tests). Its tenant claim
// is "*" (or one tenant, which then bounds what it may ask for, SEC-02):
// internal methods name the tenant in the request.
class ServiceTokenSource {
 public:
  // Declares service-token and backend-tls-ca-file (jwt-hs256-secret is the
  // auth group's).
  static void AddOptions(config::Options& options);
  // INVALID_ARGUMENT when neither a token nor an HS256 secret is configured.
  static absl::StatusOr<std::shared_ptr<ServiceTokenSource>> From(const config::Options& options,
                                                                  const std::string& subject,
                                                                  const Clock& clock);
  ServiceTokenSource(std::string fixed_token, std::string hs256_secret, std::string subject,
                     const Clock& clock, auth::TokenScope scope = {});

  // Reads the token from `path` now and again whenever the file changes
  // (checked every 10 s): production mounts the identity provider's
  // short-lived SERVICE token there and renews it before it expires.
  absl::Status UseTokenFile(const std::string& path);

  std::string Token();
  // How calls to other services are secured (backend-tls-ca-file).
  const std::shared_ptr<grpc::ChannelCredentials>& credentials() const { return credentials_; }
  void set_credentials(std::shared_ptr<grpc::ChannelCredentials> c) { credentials_ = std::move(c); }

 private:
  absl::Status ReloadTokenFile(absl::Time now, bool force);

  std::string fixed_token_;
  std::string token_file_;
  std::string file_token_;
  long token_file_mtime_ = 0;
  absl::Time token_file_checked_ = absl::InfinitePast();
  std::string secret_;
  std::string subject_;
  const Clock& clock_;
  auth::TokenScope scope_;  // minted tokens carry the iss/aud the verifiers ask for
  std::mutex mu_;
  std::string minted_;
  absl::Time minted_expiry_ = absl::InfinitePast();
  std::shared_ptr<grpc::ChannelCredentials> credentials_ = grpc::InsecureChannelCredentials();
};

// A channel to another service of the mesh that balances per request over its
// replicas (dns:/// targets, round robin), and contexts for calls on it that
// carry the service token, the request id, the remaining deadline and the
// trace (W3C traceparent) of the call being served.
class ServiceClient {
 public:
  ServiceClient(const std::string& target, std::shared_ptr<ServiceTokenSource> tokens);

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  // `serving` is the call being handled (its deadline, x-request-id and trace
  // carry on); nullptr: this thread's current call (server::Handle), or for
  // background work none, which gets `fallback_deadline` and a new trace.
  std::unique_ptr<grpc::ClientContext> Context(const grpc::ServerContextBase* serving,
                                               absl::Duration fallback_deadline = absl::Seconds(5));

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::shared_ptr<ServiceTokenSource> tokens_;
};

}  // namespace engage::client

#endif  // ENGAGE_COMMON_CLIENT_SERVICE_CLIENT_H_
