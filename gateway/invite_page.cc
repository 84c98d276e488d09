// The invite landing page's HTTP(S) listener (CON-12), on cpp-httplib.
#include "gateway/invite_page.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <httplib.h>

#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/limits/rate_limiter.h"
#include "common/log/log.h"
#include "common/status/errors.h"
#include "common/status/grpc_status.h"
#include "engage/common/v1/common.pb.h"
#include "engage/connection/v1/connection.grpc.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "gateway/invite_page_assets.h"
#include "gateway/peer_throttle.h"
#include "gateway/rules/client_address.h"
#include "gateway/rules/page_rules.h"

namespace engage::gateway {
namespace {

namespace cv1 = engage::connection::v1;
namespace pv1 = engage::profile::v1;
using google::protobuf::Struct;

// How long the caller should wait, from a RetryInfo detail (zero: none).
absl::Duration RetryDelayOf(const absl::Status& status) {
  auto payload = status.GetPayload(kRetryInfoTypeUrl);
  engage::common::v1::RetryInfo info;
  if (!payload.has_value() || !info.ParseFromString(std::string(*payload))) {
    return absl::ZeroDuration();
  }
  return absl::Seconds(info.retry_delay().seconds()) +
         absl::Nanoseconds(info.retry_delay().nanos());
}

// `body` is built with JsonQuote in a fixed order: one outcome, one answer.
void Json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json; charset=utf-8");
}

void Error(httplib::Response& res, const absl::Status& status) {
  const std::string body =
      absl::StrCat("{\"error\":", JsonQuote(status.message()),
                   ",\"code\":", JsonQuote(absl::StatusCodeToString(status.code())), "}");
  const absl::Duration wait = RetryDelayOf(status);
  if (wait > absl::ZeroDuration()) {
    res.set_header("Retry-After", std::to_string(static_cast<int64_t>(
                                      absl::ToDoubleSeconds(absl::Ceil(wait, absl::Seconds(1))))));
  }
  Json(res, HttpStatusOf(static_cast<int>(status.code())), body);
}

std::string Message(absl::string_view text) {
  return absl::StrCat("{\"message\":", JsonQuote(text), "}");
}

PageCard CardOf(const cv1::PreviewInviteResponse& p) {
  PageCard card;
  card.state = static_cast<PageState>(p.state());
  card.has_inviter = p.has_inviter();
  card.display_name = p.inviter().display_name();
  card.first_name = p.inviter().first_name();
  card.last_name = p.inviter().last_name();
  card.title = p.inviter().title();
  card.photo_url = p.inviter().photo_url();
  card.company_name = p.branding().company_name();
  card.medications.assign(p.medications().begin(), p.medications().end());
  return card;
}

}  // namespace

struct InvitePage::Impl {
  InvitePageOptions options;
  std::string path;
  bool tls = false;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;
  RateLimiter per_address;
  std::unique_ptr<cv1::ConnectionService::Stub> connections;
  std::unique_ptr<pv1::ProfileService::Stub> profiles;

  Impl(InvitePageOptions o, const std::shared_ptr<grpc::Channel>& gateway, const Clock& clock)
      : options(std::move(o)),
        path(PagePathOf(options.link_base)),
        per_address(options.requests_per_minute_per_address / 60, options.burst_per_address, clock),
        connections(cv1::ConnectionService::NewStub(gateway)),
        profiles(pv1::ProfileService::NewStub(gateway)) {}

  // The address the request's limits key on (SEC-11, CON-12).
  std::string ClientOf(const httplib::Request& req) const {
    std::string forwarded;
    auto range = req.headers.equal_range("X-Forwarded-For");
    for (auto it = range.first; it != range.second; ++it) {
      if (!forwarded.empty()) forwarded += ",";
      forwarded += it->second;
    }
    return ClientAddressOf(req.remote_addr, forwarded, options.trusted_proxy_hops);
  }

  // A call through the gateway as the HCP of `authorization`, on behalf of
  // its client (its bad tokens are that client's).
  std::unique_ptr<grpc::ClientContext> Context(const std::string& authorization,
                                               const httplib::Request& req) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", authorization);
    if (!options.relay_key.empty()) {
      context->AddMetadata(kPageClientHeader, ClientOf(req));
      context->AddMetadata(kPageRelayKeyHeader, options.relay_key);
    }
    if (req.has_header("X-Request-Id")) {
      context->AddMetadata("x-request-id", req.get_header_value("X-Request-Id").substr(0, 64));
    }
    context->set_deadline(absl::ToChronoTime(absl::Now() + options.call_deadline));
    return context;
  }

  void Handle(const httplib::Request& req, httplib::Response& res) {
    for (const auto& [name, value] : SecurityHeaders(tls)) res.set_header(name, value);
    const PageRoute route = RouteOf(req.method, req.path, path);
    // Per client address, before any token is verified: guessing costs the
    // guesser (the gateway's own limits follow for every call it makes).
    const absl::Duration wait = per_address.Acquire(ClientOf(req));
    if (wait > absl::ZeroDuration()) {
      return Error(
          res,
          WithRetryDelay(
              absl::ResourceExhaustedError("CON-12: too many requests from this address"), wait));
    }
    switch (route.kind) {
      case PageRoute::Kind::kShell:
        return res.set_content(RenderShell(path), "text/html; charset=utf-8");
      case PageRoute::Kind::kScript:
        return res.set_content(kInvitePageScript, "text/javascript; charset=utf-8");
      case PageRoute::Kind::kStyle:
        return res.set_content(kInvitePageStyle, "text/css; charset=utf-8");
      case PageRoute::Kind::kNone:
        res.status = 404;
        return res.set_content("not found\n", "text/plain; charset=utf-8");
      default:
        break;
    }
    const std::string authorization = req.get_header_value("Authorization");
    if (!absl::StartsWith(authorization, "Bearer ") || authorization.size() <= 7) {
      return Error(res, absl::UnauthenticatedError("sign in first: paste your sign-in token"));
    }
    if (route.kind == PageRoute::Kind::kPreview) return Preview(req, res, route, authorization);
    if (route.kind == PageRoute::Kind::kAccept) return Accept(req, res, route, authorization);
    return Decline(req, res, route, authorization);
  }

  // PreviewInvite as this HCP. Accept and Decline ask it first, so a bad
  // token gets the same answer on every endpoint (the preview's NOT_FOUND)
  // whatever the other methods would say of its form.
  absl::Status PreviewAs(const httplib::Request& req, const PageRoute& route,
                         const std::string& authorization, cv1::PreviewInviteResponse* preview) {
    cv1::PreviewInviteRequest request;
    request.set_token(route.token);
    return FromGrpcStatus(
        connections->PreviewInvite(Context(authorization, req).get(), request, preview));
  }

  void Preview(const httplib::Request& req, httplib::Response& res, const PageRoute& route,
               const std::string& authorization) {
    cv1::PreviewInviteResponse preview;
    if (auto st = PreviewAs(req, route, authorization, &preview); !st.ok()) return Error(res, st);
    const PageCard card = CardOf(preview);
    // Only RRGGBB reaches the page's CSS variables (the script checks again).
    const auto& b = preview.branding();
    Json(res, 200,
         absl::StrCat("{\"state\":", JsonQuote(StateName(card.state)),
                      ",\"open\":", OffersAnswer(card.state) ? "true" : "false",
                      ",\"html\":", JsonQuote(RenderCard(card)), ",\"primary\":",
                      JsonQuote(IsHexColour(b.primary_color()) ? b.primary_color() : ""),
                      ",\"secondary\":",
                      JsonQuote(IsHexColour(b.secondary_color()) ? b.secondary_color() : ""), "}"));
  }

  void Accept(const httplib::Request& req, httplib::Response& res, const PageRoute& route,
              const std::string& authorization) {
    Struct names;
    if (!req.body.empty() && !google::protobuf::util::JsonStringToMessage(req.body, &names).ok()) {
      return Error(res, absl::InvalidArgumentError("the request body is not JSON"));
    }
    cv1::PreviewInviteResponse preview;
    if (auto st = PreviewAs(req, route, authorization, &preview); !st.ok()) return Error(res, st);
    // The HCP's own profile: signing up returns the existing one, or makes
    // it with the names given (PRF-01, SEC-07: the e-mail is the token's).
    pv1::SignUpHcpRequest sign_up;
    sign_up.set_first_name(
        names.fields().count("first_name") ? names.fields().at("first_name").string_value() : "");
    sign_up.set_last_name(
        names.fields().count("last_name") ? names.fields().at("last_name").string_value() : "");
    pv1::SignUpHcpResponse me;
    grpc::Status st = profiles->SignUpHcp(Context(authorization, req).get(), sign_up, &me);
    if (!st.ok()) return Error(res, FromGrpcStatus(st));
    cv1::AcceptInviteRequest request;
    request.set_token(route.token);
    request.set_hcp_profile_id(me.profile_id());
    cv1::AcceptInviteResponse accepted;
    st = connections->AcceptInvite(Context(authorization, req).get(), request, &accepted);
    if (!st.ok()) return Error(res, FromGrpcStatus(st));
    Json(res, 200, Message("You are now connected."));
  }

  void Decline(const httplib::Request& req, httplib::Response& res, const PageRoute& route,
               const std::string& authorization) {
    cv1::PreviewInviteResponse preview;
    if (auto st = PreviewAs(req, route, authorization, &preview); !st.ok()) return Error(res, st);
    cv1::DeclineInviteRequest request;
    request.set_token(route.token);
    cv1::DeclineInviteResponse declined;
    grpc::Status st =
        connections->DeclineInvite(Context(authorization, req).get(), request, &declined);
    if (!st.ok()) return Error(res, FromGrpcStatus(st));
    Json(res, 200, Message("You declined the invitation."));
  }
};

InvitePage::InvitePage(InvitePageOptions options, std::shared_ptr<grpc::Channel> gateway,
                       const Clock& clock)
    : impl_(std::make_unique<Impl>(std::move(options), gateway, clock)) {}

InvitePage::~InvitePage() { Stop(); }

absl::Status InvitePage::Start() {
  Impl& p = *impl_;
  if (!p.options.tls_cert_file.empty() && !p.options.tls_key_file.empty()) {
    auto ssl = std::make_unique<httplib::SSLServer>(p.options.tls_cert_file.c_str(),
                                                    p.options.tls_key_file.c_str());
    if (!ssl->is_valid()) {
      return absl::InvalidArgumentError(
          "page: tls-cert-file or tls-key-file cannot be used for HTTPS");
    }
    p.server = std::move(ssl);
    p.tls = true;
  } else {
    p.server = std::make_unique<httplib::Server>();
  }
  // Small requests only (a token and two names), read promptly (SEC-11).
  p.server->set_payload_max_length(16 * 1024);
  p.server->set_read_timeout(5);
  p.server->set_write_timeout(5);
  p.server->set_keep_alive_max_count(20);
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    impl_->Handle(req, res);
  };
  p.server->Get(".*", handler);
  p.server->Post(".*", handler);
  auto other = [this](const httplib::Request&, httplib::Response& res) {
    for (const auto& [name, value] : SecurityHeaders(impl_->tls)) res.set_header(name, value);
    res.status = 405;
  };
  p.server->Put(".*", other);
  p.server->Delete(".*", other);
  p.server->Patch(".*", other);
  if (p.options.port == 0) {
    p.port = p.server->bind_to_any_port(p.options.host);
    if (p.port <= 0) return absl::UnavailableError("page: cannot bind a free port");
  } else {
    if (!p.server->bind_to_port(p.options.host, p.options.port)) {
      return absl::UnavailableError(
          absl::StrCat("page: cannot bind ", p.options.host, ":", p.options.port));
    }
    p.port = p.options.port;
  }
  p.thread = std::thread([this] { impl_->server->listen_after_bind(); });
  log::Info(
      "invite page serving",
      {{"port", std::to_string(p.port)}, {"path", p.path}, {"tls", p.tls ? "true" : "false"}});
  return absl::OkStatus();
}

int InvitePage::port() const { return impl_->port; }

void InvitePage::Stop() {
  if (impl_->server) impl_->server->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace engage::gateway
