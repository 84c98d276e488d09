// The wiring of engage-connection: its options, and the stores, clients and services built from
// them. main.cc runs it; tests/support/in_process_service serves it on an in-process channel.
#include "connection_svc/wiring.h"

#include <memory>

#include "common/client/grpc_caller_directory.h"
#include "common/client/service_client.h"
#include "common/log/log.h"
#include "common/server/service_main.h"
#include "common/status/status_macros.h"
#include "common/time/periodic_task.h"
#include "connection_svc/connection_internal_service.h"
#include "connection_svc/connection_service.h"
#include "connection_svc/grpc_profile_directory.h"
#include "connection_svc/mysql_change_feed.h"
#include "connection_svc/mysql_connection_store.h"
#include "connection_svc/mysql_erasure_store.h"
#include "connection_svc/mysql_interaction_store.h"
#include "connection_svc/mysql_invite_store.h"
#include "connection_svc/mysql_post_processing_store.h"
#include "connection_svc/post_processing.h"

namespace {

using engage::connection::GrpcProfileDirectory;
using engage::connection::InviteSettings;

void AddOptions(engage::config::Options& options) {
  engage::client::ServiceTokenSource::AddOptions(options);
  options.AddString("profile-target", "dns:///127.0.0.1:50051", "gRPC target of profile_svc");
  options.AddString("invite-link-base", "https://engage.example.com/invite",
                    "base URL of invite links (<base>/<token>)");
  options.AddInt("invite-ttl-hours", 24 * 30, 1, 24 * 365,
                 "hours until an invite expires (CON-03)");
  options.AddInt("invite-preview-per-minute", 30, 1, 100000,
                 "invite previews per minute per caller, against token guessing (CON-12)");
  options.AddInt("invite-preview-burst", 10, 1, 100000, "burst of invite previews per caller");
  options.AddInt("post-processing-interval-seconds", 60, 1, 86400,
                 "how often the post-processing job runs on its own (CON-08)");
  options.AddInt("post-processing-lease-seconds", 60, 3, 3600,
                 "how long a post-processing run holds its tenant without renewing (renewed "
                 "every third of it): what a killed replica costs the next run and the CRM sync");
}

class ConnectionWiring final : public engage::server::Wiring {
 public:
  ConnectionWiring(engage::server::ServiceContext& ctx,
                   std::shared_ptr<engage::client::ServiceClient> profile_client)
      : callers_(profile_client),
        connections_(ctx.pool),
        invites_(ctx.pool),
        interactions_(ctx.pool),
        job_store_(ctx.pool),
        feed_(ctx.pool),
        profiles_(profile_client),
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
                            static_cast<double>(ctx.options.GetInt("invite-preview-burst"))}},
            callers_, ctx.audit),
        erasures_(ctx.pool),
        internal_(connections_, feed_, job_store_, erasures_, ctx.audit, ctx.gate, ctx.clock),
        interval_(absl::Seconds(ctx.options.GetInt("post-processing-interval-seconds"))) {
    // SEC-09: deactivated users and removed profiles are refused on every call.
    ctx.gate.UseCallerDirectory(callers_);
    services.emplace_back(&service_,
                          engage::connection::v1::ConnectionService::service_full_name());
    services.emplace_back(&internal_,
                          engage::connection::v1::ConnectionInternalService::service_full_name());
  }

  // The post-processing job's timer (CON-08); every replica runs one, the
  // job's lease in the database keeps runs of a tenant apart.
  void Start() override {
    timer_ = std::make_unique<engage::PeriodicTask>(interval_, [this] {
      if (auto st = jobs_.RunPending(); !st.ok()) {
        engage::log::Warn("post-processing pass failed", {{"error", st.ToString()}});
      }
    });
  }
  // SIGTERM: a run in progress stops before its next item and releases its
  // lease, so the CRM sync (SYN-07) and the next run are not held up.
  void RequestStop() override { jobs_.RequestStop(); }
  void Stop() override { timer_.reset(); }

 private:
  engage::client::GrpcCallerDirectory callers_;
  engage::connection::MysqlConnectionStore connections_;
  engage::connection::MysqlInviteStore invites_;
  engage::connection::MysqlInteractionStore interactions_;
  engage::connection::MysqlPostProcessingStore job_store_;
  engage::connection::MysqlChangeFeed feed_;
  GrpcProfileDirectory profiles_;
  engage::connection::PostProcessor jobs_;
  engage::connection::ConnectionServiceImpl service_;
  engage::connection::MysqlErasureStore erasures_;
  engage::connection::ConnectionInternalServiceImpl internal_;
  absl::Duration interval_;
  std::unique_ptr<engage::PeriodicTask> timer_;
};

}  // namespace

engage::server::ServiceBinary engage::connection::ConnectionServiceBinary() {
  engage::server::ServiceBinary binary;
  binary.program = "engage-connection";
  binary.summary = "connection service: invites, QR codes, connections, change feed";
  binary.default_port = 50052;
  binary.add_options = AddOptions;
  binary.build = [](engage::server::ServiceContext& ctx)
      -> absl::StatusOr<std::unique_ptr<engage::server::Wiring>> {
    ASSIGN_OR_RETURN(auto tokens, engage::client::ServiceTokenSource::From(
                                      ctx.options, "connection", ctx.clock));
    // One channel to profile_svc for owners, feeds and callers' state.
    auto client = std::make_shared<engage::client::ServiceClient>(
        ctx.options.GetString("profile-target"), tokens);
    return std::make_unique<ConnectionWiring>(ctx, std::move(client));
  };
  return binary;
}
