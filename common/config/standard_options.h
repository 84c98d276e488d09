#ifndef ENGAGE_COMMON_CONFIG_STANDARD_OPTIONS_H_
#define ENGAGE_COMMON_CONFIG_STANDARD_OPTIONS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "common/auth/jwt.h"
#include "common/config/config.h"
#include "common/mysql/pool.h"
#include "common/outbox/retry_policy.h"
#include "common/server/server_runner.h"

namespace engage::config {

// The option groups shared by the binaries, declared once so every binary
// spells each variable the same way (the Helm chart depends on these names).

// grpc-host, grpc-port, metrics-port, tls-cert-file, tls-key-file,
// shutdown-grace-seconds, log-level.
void AddServerOptions(Options& options, int default_port);
server::ServerConfig ServerConfigFrom(const Options& options);

// db-host, db-port, db-name, db-user, db-password, db-pool-size,
// db-connect-timeout-seconds, db-query-timeout-seconds, db-pool-wait-millis.
void AddDatabaseOptions(Options& options);
mysql::DbConfig DbConfigFrom(const Options& options);

// jwt-hs256-secret or jwt-rs256-public-key-file (exactly one); jwt-issuer
// and jwt-audience (optional; production sets both).
void AddAuthOptions(Options& options);
// The iss/aud a token must carry (and that minted service tokens carry).
auth::TokenScope TokenScopeFrom(const Options& options);
// INVALID_ARGUMENT naming the option when neither or both are set or the key
// file cannot be read.
absl::StatusOr<std::unique_ptr<auth::JwtVerifier>> VerifierFrom(const Options& options,
                                                                const Clock& clock);

// outbox-poll-ms: how often a service's outbox dispatcher asks the database
// whether another replica enqueued something (common/outbox/dispatcher.h).
void AddOutboxOptions(Options& options);
absl::Duration OutboxPollFrom(const Options& options);
// How long a claimed outbox message stays its dispatcher's (the lease): after
// a crash mid-delivery, another replica delivers it once this has passed.
absl::Duration OutboxLeaseFrom(const Options& options);
// The retry policy of one outbox from <name>-retry-first-ms,
// <name>-retry-max-ms and <name>-max-attempts (declared by the service, each
// with its own bounds and text).
outbox::RetryPolicy RetryPolicyFrom(const Options& options, const std::string& name);

// Prints "<program>: <reason>" on stderr and exits 1: the one way a binary
// refuses to start after its options parsed.
[[noreturn]] void Fail(const char* program, const absl::Status& status);

}  // namespace engage::config

#endif  // ENGAGE_COMMON_CONFIG_STANDARD_OPTIONS_H_
