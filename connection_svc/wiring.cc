// The wiring of engage-connection: its options, and the stores, clients and services built from
// them. main.cc runs it; tests/support/in_process_service serves it on an in-process channel.
#include "connection_svc/wiring.h"

#include <memory>
#include <optional>

#include "common/client/grpc_caller_directory.h"
#include "common/client/service_client.h"
#include "common/config/standard_options.h"
#include "common/log/log.h"
#include "common/server/background_loops.h"
#include "common/server/service_main.h"
#include "common/status/status_macros.h"
#include "connection_svc/connection_internal_service.h"
#include "connection_svc/connection_service.h"
#include "connection_svc/grpc_mail_sources.h"
#include "connection_svc/grpc_profile_directory.h"
#include "connection_svc/invite_mailer.h"
#include "connection_svc/mail_dispatcher.h"
#include "connection_svc/mysql_change_feed.h"
#include "connection_svc/mysql_connection_store.h"
#include "connection_svc/mysql_erasure_store.h"
#include "connection_svc/mysql_interaction_store.h"
#include "connection_svc/mysql_invite_mails.h"
#include "connection_svc/mysql_invite_store.h"
#include "connection_svc/mysql_post_processing_store.h"
#include "connection_svc/post_processing.h"
#include "connection_svc/rules/mail_rules.h"
#include "connection_svc/smtp_sender.h"

namespace {

using engage::connection::GrpcProfileDirectory;
using engage::connection::InviteSettings;

void AddOptions(engage::config::Options& options) {
  options.AddString("profile-target", "dns:///127.0.0.1:50051", "gRPC target of profile_svc");
  options.AddString("invite-link-base", "https://engage.example.com/invite",
                    "base URL of invite links (<base>/<token>)");
  options.AddInt("invite-ttl-hours", 24 * 30, 1, 24 * 365,
                 "hours until an invite expires (CON-03)");
  options.AddInt("invite-preview-per-minute", 30, 1, 100000,
                 "invite previews per minute per caller, against token guessing (CON-12)");
  options.AddInt("invite-preview-burst", 10, 1, 100000, "burst of invite previews per caller");
  // SEC-11: what one caller may make the mesh write per 24 hours.
  options.AddInt("invite-mails-per-inviter-per-day", 200, 1, 1000000,
                 "SEC-11: e-mail invites one field user may create per 24 hours");
  options.AddInt("invite-mails-per-recipient-per-day", 10, 1, 1000000,
                 "SEC-11: e-mail invites one address (any case) may be sent per 24 hours, by "
                 "all inviters of the company");
  options.AddInt("self-reported-meetings-per-hcp-per-day", 50, 1, 1000000,
                 "SEC-11: meetings one HCP may report attending (RecordMeetingAttendance with "
                 "their own token) per 24 hours");
  options.AddInt("post-processing-interval-seconds", 60, 1, 86400,
                 "how often the post-processing job runs on its own (CON-08)");
  options.AddInt("post-processing-lease-seconds", 60, 3, 3600,
                 "how long a post-processing run holds its tenant without renewing (renewed "
                 "every third of it): what a killed replica costs the next run and the CRM sync");
  // CON-13: e-mail invites (the template from promomats_svc, sent through SMTP).
  options.AddString("promomats-target", "dns:///127.0.0.1:50053",
                    "gRPC target of promomats_svc (approved e-mail templates, CON-13)");
  options.AddString("smtp-host", "",
                    "SMTP server of e-mail invites (empty: e-mails are queued, never sent)");
  options.AddInt("smtp-port", 587, 1, 65535, "SMTP server port");
  options.AddChoice("smtp-starttls", "required", {"required", "optional", "off"},
                    "STARTTLS on the SMTP session");
  options.AddString("smtp-user", "", "SMTP user (empty: no AUTH)");
  options.AddString("smtp-password", "", "SMTP password (from a Secret)", /*secret=*/true);
  options.AddString("smtp-from", "", "sender address of e-mail invites (required with smtp-host)");
  options.AddString("smtp-tls-ca-file", "", "PEM CA bundle for the SMTP server (empty: system's)");
  options.AddInt("smtp-timeout-seconds", 30, 1, 600, "time limit of one SMTP session");
  options.AddInt("mail-dispatch-interval-ms", 1000, 0, 3600000,
                 "how often the e-mail dispatcher runs in any case (a queued e-mail is sent at "
                 "once, another replica's within outbox-poll-ms; 0: never on its own)");
  options.AddInt("mail-max-attempts", 10, 1, 1000,
                 "failed SMTP attempts after which an e-mail is FAILED (CON-13)");
  options.AddInt("mail-retry-first-ms", 5000, 1, 86400000, "wait after the first failed attempt");
  options.AddInt("mail-retry-max-ms", 600000, 1, 86400000, "longest wait between attempts");
}

// The SMTP settings, or nullopt when no server is configured; a bad sender
// address stops the process at start.
absl::StatusOr<std::optional<engage::connection::SmtpSettings>> SmtpFrom(
    const engage::config::Options& options) {
  using engage::connection::SmtpSettings;
  if (options.GetString("smtp-host").empty()) return std::nullopt;
  RETURN_IF_ERROR(engage::connection::CheckMailbox("smtp-from", options.GetString("smtp-from")));
  ASSIGN_OR_RETURN(auto starttls, engage::connection::ParseStartTls(
                                      "smtp-starttls", options.GetString("smtp-starttls")));
  SmtpSettings smtp;
  smtp.host = options.GetString("smtp-host");
  smtp.port = static_cast<int>(options.GetInt("smtp-port"));
  smtp.starttls = starttls;
  smtp.user = options.GetString("smtp-user");
  smtp.password = options.GetString("smtp-password");
  smtp.from_address = options.GetString("smtp-from");
  smtp.ca_file = options.GetString("smtp-tls-ca-file");
  smtp.timeout = absl::Seconds(options.GetInt("smtp-timeout-seconds"));
  return smtp;
}

class ConnectionWiring final : public engage::server::Wiring {
 public:
  ConnectionWiring(engage::server::ServiceContext& ctx,
                   std::shared_ptr<engage::client::ServiceClient> profile_client,
                   std::shared_ptr<engage::client::ServiceClient> promomats_client,
                   std::optional<engage::connection::SmtpSettings> smtp)
      : callers_(profile_client),
        connections_(ctx.pool),
        invites_(ctx.pool),
        interactions_(ctx.pool),
        job_store_(ctx.pool),
        feed_(ctx.pool),
        profiles_(profile_client),
        mail_sources_(profile_client, promomats_client),
        mail_outbox_(ctx.pool, engage::config::OutboxLeaseFrom(ctx.options)),
        mailer_(mail_sources_, mail_outbox_),
        // SEC-12: connection and invite changes go to the audit trail.
        jobs_(job_store_, interactions_, invites_, profiles_, ctx.clock,
              engage::IdGenerator::Default(), ctx.audit,
              absl::Seconds(ctx.options.GetInt("post-processing-lease-seconds"))),
        service_(
            connections_, invites_, interactions_, profiles_, jobs_, ctx.gate, ctx.clock,
            engage::IdGenerator::Default(),
            InviteSettings{ctx.options.GetString("invite-link-base"),
                           absl::Hours(ctx.options.GetInt("invite-ttl-hours")),
                           {static_cast<double>(ctx.options.GetInt("invite-preview-per-minute")),
                            static_cast<double>(ctx.options.GetInt("invite-preview-burst"))},
                           {ctx.options.GetInt("invite-mails-per-inviter-per-day"),
                            ctx.options.GetInt("invite-mails-per-recipient-per-day"),
                            ctx.options.GetInt("self-reported-meetings-per-hcp-per-day")}},
            callers_, ctx.audit, mailer_),
        erasures_(ctx.pool),
        internal_(connections_, feed_, job_store_, erasures_, ctx.audit, ctx.gate, ctx.clock),
        interval_(absl::Seconds(ctx.options.GetInt("post-processing-interval-seconds"))),
        mail_interval_(absl::Milliseconds(ctx.options.GetInt("mail-dispatch-interval-ms"))) {
    if (smtp.has_value()) {
      smtp_ = std::make_unique<engage::connection::SmtpSender>(*smtp);
      mail_dispatcher_ = std::make_unique<engage::connection::MailDispatcher>(
          // CON-13 on common/outbox's retry policy (its +-20% jitter spreads replicas).
          mail_outbox_.store(), *smtp_, ctx.clock,
          engage::config::RetryPolicyFrom(ctx.options, "mail"),
          engage::config::OutboxPollFrom(ctx.options));
    } else {
      engage::log::Warn("no SMTP server configured (smtp-host): e-mail invites stay PENDING");
    }
    // SEC-09: deactivated users and removed profiles are refused on every call.
    ctx.gate.UseCallerDirectory(callers_);
    Serve<engage::connection::v1::ConnectionService>(service_);
    Serve<engage::connection::v1::ConnectionInternalService>(internal_);
  }

  // The post-processing job's timer (CON-08); every replica runs one, the
  // job's lease in the database keeps runs of a tenant apart.
  void Start() override {
    loops_.Every(interval_, "post-processing pass", [this] { return jobs_.RunPending(); });
    // CON-13: every replica sends; the claims keep each e-mail one replica's.
    if (mail_dispatcher_ != nullptr && mail_interval_ > absl::ZeroDuration()) {
      mail_dispatcher_->Start(mail_interval_);
    }
  }
  void Stop() override {
    loops_.Stop();
    if (mail_dispatcher_ != nullptr) mail_dispatcher_->Stop();
  }
  // SIGTERM: a run in progress stops before its next item and releases its
  // lease, so the CRM sync (SYN-07) and the next run are not held up.
  void RequestStop() override { jobs_.RequestStop(); }

 private:
  engage::client::GrpcCallerDirectory callers_;
  engage::connection::MysqlConnectionStore connections_;
  engage::connection::MysqlInviteStore invites_;
  engage::connection::MysqlInteractionStore interactions_;
  engage::connection::MysqlPostProcessingStore job_store_;
  engage::connection::MysqlChangeFeed feed_;
  GrpcProfileDirectory profiles_;
  engage::connection::GrpcMailSources mail_sources_;
  engage::connection::MysqlInviteMails mail_outbox_;
  engage::connection::InviteMailer mailer_;
  engage::connection::PostProcessor jobs_;
  engage::connection::ConnectionServiceImpl service_;
  engage::connection::MysqlErasureStore erasures_;
  engage::connection::ConnectionInternalServiceImpl internal_;
  absl::Duration interval_;
  absl::Duration mail_interval_;
  std::unique_ptr<engage::connection::SmtpSender> smtp_;
  std::unique_ptr<engage::connection::MailDispatcher> mail_dispatcher_;
  engage::server::BackgroundLoops loops_;  // last: ends first
};

}  // namespace

engage::server::ServiceBinary engage::connection::ConnectionServiceBinary() {
  engage::server::ServiceBinary binary;
  binary.program = "engage-connection";
  binary.summary = "connection service: invites, QR codes, connections, change feed";
  binary.default_port = 50052;
  binary.token_subject = "connection";
  binary.add_options = AddOptions;
  binary.build = [](engage::server::ServiceContext& ctx)
      -> absl::StatusOr<std::unique_ptr<engage::server::Wiring>> {
    // One channel to profile_svc for owners, feeds and callers' state.
    auto client = std::make_shared<engage::client::ServiceClient>(
        ctx.options.GetString("profile-target"), ctx.tokens);
    auto promomats = std::make_shared<engage::client::ServiceClient>(
        ctx.options.GetString("promomats-target"), ctx.tokens);
    ASSIGN_OR_RETURN(auto smtp, SmtpFrom(ctx.options));
    return std::make_unique<ConnectionWiring>(ctx, std::move(client), std::move(promomats),
                                              std::move(smtp));
  };
  return binary;
}
