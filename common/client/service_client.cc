#include "common/client/service_client.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/auth/jwt.h"
#include "common/client/retry_config.h"
#include "common/config/pem_file.h"
#include "common/config/standard_options.h"
#include "common/log/log.h"
#include "common/server/handler.h"
#include "common/trace/current_call.h"

namespace engage::client {
namespace {

constexpr absl::Duration kMintedLifetime = absl::Minutes(10);
constexpr absl::Duration kTokenFileCheckInterval = absl::Seconds(10);

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> BackendCredentials(
    const std::string& ca_file) {
  if (ca_file.empty()) return grpc::InsecureChannelCredentials();
  std::optional<std::string> pem = config::ReadPemFile(ca_file, "CERTIFICATE");
  if (!pem.has_value()) {
    return absl::InvalidArgumentError("invalid ENGAGE_BACKEND_TLS_CA_FILE: \"" + ca_file +
                                      "\" is not a readable PEM certificate");
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = *pem;
  return grpc::SslCredentials(ssl);
}

std::shared_ptr<grpc::Channel> BalancedChannel(
    const std::string& target, std::shared_ptr<grpc::ChannelCredentials> credentials,
    int max_message_bytes) {
  grpc::ChannelArguments args;
  args.SetLoadBalancingPolicyName("round_robin");
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  args.SetMaxReceiveMessageSize(max_message_bytes);
  args.SetMaxSendMessageSize(max_message_bytes);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20000);
  // Round robin over the replicas reporting SERVING (a draining one gets no
  // new calls); UNAVAILABLE retried on another replica for the calls that are
  // safe to repeat (retry_config.h).
  static const std::string config = BalancedServiceConfig(SafeMethods());
  args.SetServiceConfigJSON(config);
  return grpc::CreateCustomChannel(target, credentials, args);
}

void ServiceTokenSource::AddOptions(config::Options& options) {
  options.AddString("backend-tls-ca-file", "",
                    "PEM CA certificate; when set, other services are called over TLS");
  options.AddString("service-token", "", "SERVICE-role JWT for calls to other services",
                    /*secret=*/true);
  options.AddString("service-token-file", "",
                    "file holding the SERVICE-role JWT, re-read when it changes (production: "
                    "the identity provider's short-lived token, renewed into a mounted Secret)");
}

absl::StatusOr<std::shared_ptr<ServiceTokenSource>> ServiceTokenSource::From(
    const config::Options& options, const std::string& subject, const Clock& clock) {
  std::string fixed = options.GetString("service-token");
  std::string file = options.GetString("service-token-file");
  std::string secret = options.GetString("jwt-hs256-secret");
  if (fixed.empty() && file.empty() && secret.empty()) {
    return absl::InvalidArgumentError(
        "set ENGAGE_SERVICE_TOKEN_FILE or ENGAGE_SERVICE_TOKEN (or ENGAGE_JWT_HS256_SECRET for "
        "local runs) to call other services");
  }
  auto source = std::make_shared<ServiceTokenSource>(fixed, secret, subject, clock,
                                                     config::TokenScopeFrom(options));
  if (!file.empty()) {
    if (auto st = source->UseTokenFile(file); !st.ok()) return st;
  }
  auto credentials = BackendCredentials(options.GetString("backend-tls-ca-file"));
  if (!credentials.ok()) return credentials.status();
  source->set_credentials(*credentials);
  return source;
}

ServiceTokenSource::ServiceTokenSource(std::string fixed_token, std::string hs256_secret,
                                       std::string subject, const Clock& clock,
                                       auth::TokenScope scope)
    : fixed_token_(std::move(fixed_token)),
      secret_(std::move(hs256_secret)),
      subject_(std::move(subject)),
      clock_(clock),
      scope_(std::move(scope)) {}

absl::Status ServiceTokenSource::UseTokenFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  token_file_ = path;
  return ReloadTokenFile(clock_.Now(), /*force=*/true);
}

absl::Status ServiceTokenSource::ReloadTokenFile(absl::Time now, bool force) {
  if (!force && now < token_file_checked_ + kTokenFileCheckInterval) return absl::OkStatus();
  token_file_checked_ = now;
  struct stat info {};
  if (stat(token_file_.c_str(), &info) != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("service token file ", token_file_, " unreadable"));
  }
  if (!force && info.st_mtime == token_file_mtime_) return absl::OkStatus();
  std::ifstream in(token_file_);
  std::string token((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  token = std::string(absl::StripAsciiWhitespace(token));
  if (token.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("service token file ", token_file_, " is empty"));
  }
  file_token_ = token;
  token_file_mtime_ = info.st_mtime;
  return absl::OkStatus();
}

std::string ServiceTokenSource::Token() {
  std::lock_guard<std::mutex> lock(mu_);
  const absl::Time now = clock_.Now();
  if (!token_file_.empty()) {
    // A renewed token replaces the old one within kTokenFileCheckInterval; a
    // file that vanished keeps the last good token (its expiry still holds).
    if (auto st = ReloadTokenFile(now, false); !st.ok()) {
      log::Warn("service token file not re-read", {{"error", st.ToString()}});
    }
    return file_token_;
  }
  if (!fixed_token_.empty()) return fixed_token_;
  // Renew well before expiry so a token never lapses mid-call.
  if (minted_.empty() || now > minted_expiry_ - kMintedLifetime / 2) {
    auto token = auth::MintHs256(secret_, {subject_, engage::common::v1::ROLE_SERVICE, "*"}, now,
                                 kMintedLifetime, scope_);
    if (token.ok()) {
      minted_ = *token;
      minted_expiry_ = now + kMintedLifetime;
    }
  }
  return minted_;
}

ServiceClient::ServiceClient(const std::string& target, std::shared_ptr<ServiceTokenSource> tokens)
    : channel_(BalancedChannel(target, tokens->credentials())), tokens_(std::move(tokens)) {}

std::unique_ptr<grpc::ClientContext> ServiceClient::Context(const grpc::ServerContextBase* serving,
                                                            absl::Duration fallback_deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + tokens_->Token());
  // The call being handled: `serving` when given, else this thread's.
  trace::CurrentCall call = serving != nullptr
                                ? server::CurrentCallOf(*serving)
                                : (trace::CurrentCall::Get() != nullptr ? *trace::CurrentCall::Get()
                                                                        : trace::CurrentCall{});
  const absl::Time deadline = std::min(absl::Now() + fallback_deadline, call.deadline);
  context->set_deadline(absl::ToChronoTime(deadline));
  if (!call.request_id.empty()) context->AddMetadata("x-request-id", call.request_id);
  // Every hop passes the trace on; background work (no call) starts one.
  context->AddMetadata(
      "traceparent",
      trace::Traceparent(call.trace.empty() ? trace::StartSpan(std::nullopt) : call.trace));
  return context;
}

}  // namespace engage::client
