// The wiring of engage-promomats: its options, and the stores, clients and services built from
// them. main.cc runs it; tests/support/in_process_service serves it on an in-process channel.
#include "promomats_svc/wiring.h"

#include "common/client/grpc_caller_directory.h"
#include "common/config/standard_options.h"
#include "common/server/background_loops.h"
#include "common/server/service_main.h"
#include "promomats_svc/dispatcher.h"
#include "promomats_svc/mysql_email_template_store.h"
#include "promomats_svc/mysql_pmx_store.h"
#include "promomats_svc/mysql_target_vault.h"
#include "promomats_svc/mysql_vault_store.h"
#include "promomats_svc/promomats_internal_service.h"
#include "promomats_svc/promomats_service.h"
#include "promomats_svc/rerouter.h"

namespace {

class PromoMatsWiring final : public engage::server::Wiring {
 public:
  PromoMatsWiring(engage::server::ServiceContext& ctx,
                  std::shared_ptr<engage::client::ServiceClient> profile_client)
      : callers_(std::move(profile_client)),
        vaults_(ctx.pool),
        store_(ctx.pool, engage::config::OutboxLeaseFrom(ctx.options)),
        target_(ctx.pool, ctx.clock, engage::IdGenerator::Default()),
        dispatcher_(store_.deliveries(), target_, store_, ctx.clock, engage::IdGenerator::Default(),
                    // Issue 17: common/outbox's policy; 0 attempts: never given up (the
                    // default: content is not dropped silently, PMX-13 tells the owner of
                    // the first failure and of the end).
                    engage::config::RetryPolicyFrom(ctx.options, "delivery"),
                    engage::config::OutboxPollFrom(ctx.options)),
        rerouter_(store_, ctx.clock, engage::IdGenerator::Default()),
        service_(vaults_, store_, target_, ctx.gate, ctx.clock, engage::IdGenerator::Default()),
        templates_(ctx.pool),
        internal_(dispatcher_, rerouter_, templates_, ctx.gate),
        interval_ms_(ctx.options.GetInt("dispatch-interval-ms")) {
    // SEC-09: deactivated users and removed profiles are refused on every call.
    ctx.gate.UseCallerDirectory(callers_);
    Serve<engage::promomats::v1::PromoMatsService>(service_);
    Serve<engage::promomats::v1::PromoMatsInternalService>(internal_);
  }

  void Start() override {
    if (interval_ms_ > 0) dispatcher_.Start(absl::Milliseconds(interval_ms_));
    // PMX-08: re-routes what routing changes marked (handlers only mark, SEC-11).
    loops_.Every(absl::Milliseconds(interval_ms_), "re-route pass", [this] {
      rerouter_.RunAll();
      return absl::OkStatus();
    });
  }
  void Stop() override {
    loops_.Stop();  // waits for a run in progress
    dispatcher_.Stop();
  }

 private:
  engage::client::GrpcCallerDirectory callers_;
  engage::promomats::MysqlVaultStore vaults_;
  engage::promomats::MysqlPmxStore store_;
  engage::promomats::MysqlTargetVault target_;
  engage::promomats::Dispatcher dispatcher_;
  engage::promomats::Rerouter rerouter_;
  engage::promomats::PromoMatsServiceImpl service_;
  engage::promomats::MysqlEmailTemplateStore templates_;
  engage::promomats::PromoMatsInternalServiceImpl internal_;
  long long interval_ms_;
  engage::server::BackgroundLoops loops_;  // last: ends first
};

}  // namespace

engage::server::ServiceBinary engage::promomats::PromoMatsServiceBinary() {
  engage::server::ServiceBinary binary;
  binary.program = "engage-promomats";
  binary.summary = "PromoMats-CRM connection: vaults, records, documents, routing, metrics";
  binary.default_port = 50053;
  binary.token_subject = "promomats";
  binary.add_options = [](engage::config::Options& options) {
    options.AddString("profile-target", "dns:///127.0.0.1:50051",
                      "gRPC target of profile_svc (whether callers are still active, SEC-09)");
    options.AddInt(
        "dispatch-interval-ms", 500, 0, 3600000,
        "how often the outbox dispatcher runs in any case (retries whose wait ended, "
        "gauges; a queued change is sent at once, another replica's within "
        "outbox-poll-ms) and re-routes what routing changes marked (PMX-08); 0: only when "
        "PromoMatsInternalService.RunDispatcher is called");
    options.AddInt("delivery-max-attempts", 0, 0, 100000,
                   "failed attempts after which a delivery to a CRM is given up and its owner "
                   "notified (0: retried until it succeeds)");
    options.AddInt("delivery-retry-first-ms", 1000, 1, 86400000,
                   "wait after a delivery's first failed attempt (doubling per failure)");
    options.AddInt("delivery-retry-max-ms", 300000, 1, 86400000,
                   "longest wait between a delivery's attempts");
  };
  binary.build = [](engage::server::ServiceContext& ctx)
      -> absl::StatusOr<std::unique_ptr<engage::server::Wiring>> {
    return std::make_unique<PromoMatsWiring>(
        ctx, std::make_shared<engage::client::ServiceClient>(
                 ctx.options.GetString("profile-target"), ctx.tokens));
  };
  return binary;
}
