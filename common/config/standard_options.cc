#include "common/config/standard_options.h"

#include <cstdlib>
#include <iostream>
#include <optional>

#include "common/config/pem_file.h"

namespace engage::config {

void AddServerOptions(Options& options, int default_port) {
  options.AddString("grpc-host", "0.0.0.0", "address the gRPC server listens on");
  options.AddInt("grpc-port", default_port, 0, 65535, "gRPC port (0 picks a free one)");
  options.AddInt("metrics-port", 9090, -1, 65535,
                 "HTTP port of GET /metrics (Prometheus text); -1 disables, 0 picks a free one");
  options.AddInt(
      "health-port", -1, -1, 65535,
      "plaintext port serving only grpc.health.v1 (for probes when TLS is on); -1 disables");
  options.AddString("tls-cert-file", "", "PEM certificate; with tls-key-file turns TLS on");
  options.AddString("tls-key-file", "", "PEM private key of tls-cert-file");
  options.AddInt("shutdown-grace-seconds", 15, 0, 600,
                 "time calls in flight get to finish after SIGTERM");
  options.AddInt("shutdown-drain-millis", 1000, 0, 60000,
                 "after SIGTERM, how long health reads NOT_SERVING while calls are still "
                 "taken, so clients move to other replicas before this one refuses calls");
  options.AddInt("max-streams-per-connection", 100, 1, 100000,
                 "calls one client connection may have open at once (HTTP/2 "
                 "MAX_CONCURRENT_STREAMS); more wait in the client, not in this server's memory");
  options.AddInt("max-connection-age-seconds", 300, 1, 86400,
                 "a client connection is closed (gracefully) after this long, so clients "
                 "re-resolve and new replicas get traffic");
  options.AddInt("max-connection-age-grace-seconds", 30, 0, 3600,
                 "time calls in flight get when a connection reaches its maximum age");
  options.AddInt("max-threads", 1024, 0, 100000,
                 "threads the gRPC server may run calls on (SEC-11: past them a call is "
                 "answered RESOURCE_EXHAUSTED instead of taking another thread); 0: no bound");
  options.AddChoice("log-level", "info", {"debug", "info", "warn", "error"}, "log level");
}

server::ServerConfig ServerConfigFrom(const Options& options) {
  server::ServerConfig c;
  c.host = options.GetString("grpc-host");
  c.port = static_cast<int>(options.GetInt("grpc-port"));
  c.metrics_port = static_cast<int>(options.GetInt("metrics-port"));
  c.health_port = static_cast<int>(options.GetInt("health-port"));
  c.tls_cert_file = options.GetString("tls-cert-file");
  c.tls_key_file = options.GetString("tls-key-file");
  c.grace = absl::Seconds(options.GetInt("shutdown-grace-seconds"));
  c.drain = absl::Milliseconds(options.GetInt("shutdown-drain-millis"));
  c.max_streams_per_connection = static_cast<int>(options.GetInt("max-streams-per-connection"));
  c.max_connection_age = absl::Seconds(options.GetInt("max-connection-age-seconds"));
  c.max_connection_age_grace = absl::Seconds(options.GetInt("max-connection-age-grace-seconds"));
  c.max_threads = static_cast<int>(options.GetInt("max-threads"));
  return c;
}

void AddDatabaseOptions(Options& options) {
  options.AddString("db-host", "127.0.0.1", "MySQL/MariaDB host");
  options.AddInt("db-port", 3306, 1, 65535, "MySQL/MariaDB port");
  options.AddString("db-name", "engage", "database (schema) name");
  options.AddString("db-user", "engage", "database user");
  options.AddString("db-password", "", "database password", /*secret=*/true);
  options.AddInt("db-pool-size", 8, 1, 512, "connections in the pool");
  options.AddInt("db-connect-timeout-seconds", 5, 1, 300, "connect timeout");
  options.AddInt("db-query-timeout-seconds", 10, 1, 3600, "per-statement time limit");
  options.AddInt("db-pool-wait-millis", 2000, 0, 600000,
                 "how long a call waits for a free connection before UNAVAILABLE");
}

mysql::DbConfig DbConfigFrom(const Options& options) {
  mysql::DbConfig c;
  c.host = options.GetString("db-host");
  c.port = static_cast<int>(options.GetInt("db-port"));
  c.name = options.GetString("db-name");
  c.user = options.GetString("db-user");
  c.password = options.GetString("db-password");
  c.pool_size = static_cast<int>(options.GetInt("db-pool-size"));
  c.connect_timeout = absl::Seconds(options.GetInt("db-connect-timeout-seconds"));
  c.query_timeout = absl::Seconds(options.GetInt("db-query-timeout-seconds"));
  c.pool_wait = absl::Milliseconds(options.GetInt("db-pool-wait-millis"));
  return c;
}

void AddAuthOptions(Options& options) {
  options.AddString("jwt-hs256-secret", "", "HS256 shared secret (local runs)", /*secret=*/true);
  options.AddString("jwt-rs256-public-key-file", "", "PEM public key verifying RS256 tokens");
  options.AddString("jwt-issuer", "", "required iss claim of tokens (empty: not checked)");
  options.AddString("jwt-audience", "",
                    "audience the aud claim of tokens must hold (empty: not checked)");
}

void AddOutboxOptions(Options& options) {
  options.AddInt("outbox-poll-ms", 50, 0, 60000,
                 "how often the outbox dispatchers look for messages other replicas queued (one "
                 "indexed query; this replica's own are sent at once); 0: only at their interval");
  options.AddInt(
      "outbox-lease-seconds", 120, 5, 3600,
      "how long a claimed outbox message is its dispatcher's: after a crash mid-delivery "
      "another replica sends it once this has passed; keep it above the longest delivery "
      "(SMTP and HTTP timeouts)");
}

absl::Duration OutboxPollFrom(const Options& options) {
  return absl::Milliseconds(options.GetInt("outbox-poll-ms"));
}

absl::Duration OutboxLeaseFrom(const Options& options) {
  return absl::Seconds(options.GetInt("outbox-lease-seconds"));
}

outbox::RetryPolicy RetryPolicyFrom(const Options& options, const std::string& name) {
  outbox::RetryPolicy policy;
  policy.first = absl::Milliseconds(options.GetInt(name + "-retry-first-ms"));
  policy.max = absl::Milliseconds(options.GetInt(name + "-retry-max-ms"));
  policy.max_attempts = static_cast<int>(options.GetInt(name + "-max-attempts"));
  return policy;
}

auth::TokenScope TokenScopeFrom(const Options& options) {
  return {options.GetString("jwt-issuer"), options.GetString("jwt-audience")};
}

absl::StatusOr<std::unique_ptr<auth::JwtVerifier>> VerifierFrom(const Options& options,
                                                                const Clock& clock) {
  const std::string secret = options.GetString("jwt-hs256-secret");
  const std::string key_file = options.GetString("jwt-rs256-public-key-file");
  if (secret.empty() == key_file.empty()) {
    return absl::InvalidArgumentError(
        "set exactly one of ENGAGE_JWT_HS256_SECRET and ENGAGE_JWT_RS256_PUBLIC_KEY_FILE");
  }
  if (!secret.empty()) {
    if (secret.size() < 32) {
      return absl::InvalidArgumentError(
          "invalid ENGAGE_JWT_HS256_SECRET: must have at least 32 bytes");
    }
    return std::make_unique<auth::JwtVerifier>(auth::JwtVerifier::Algorithm::kHs256, secret, clock,
                                               TokenScopeFrom(options));
  }
  std::optional<std::string> pem = ReadPemFile(key_file, "PUBLIC KEY");
  if (!pem.has_value()) {
    return absl::InvalidArgumentError("invalid ENGAGE_JWT_RS256_PUBLIC_KEY_FILE: \"" + key_file +
                                      "\" is not a readable PEM public key");
  }
  return std::make_unique<auth::JwtVerifier>(auth::JwtVerifier::Algorithm::kRs256, *pem, clock,
                                             TokenScopeFrom(options));
}

void Fail(const char* program, const absl::Status& status) {
  std::cerr << program << ": " << status.message() << std::endl;
  std::exit(1);
}

}  // namespace engage::config
