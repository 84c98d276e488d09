// The wiring of engage-profile: its options, and the stores, clients and services built from them.
// main.cc runs it; tests/support/in_process_service serves it on an in-process channel.
#include "profile_svc/wiring.h"

#include "common/client/service_client.h"
#include "common/config/standard_options.h"
#include "common/crypto/secret_box.h"
#include "common/log/log.h"
#include "common/mysql/pool.h"
#include "common/outbox/dispatcher.h"
#include "common/outbox/mysql_outbox_store.h"
#include "common/server/background_loops.h"
#include "common/server/service_main.h"
#include "profile_svc/audit_service.h"
#include "profile_svc/crm_sync/crm_sync_service.h"
#include "profile_svc/crm_sync/grpc_connection_feed.h"
#include "profile_svc/crm_sync/mysql_crm_store.h"
#include "profile_svc/crm_sync/mysql_sync_store.h"
#include "profile_svc/crm_sync/sync_scheduler.h"
#include "profile_svc/grpc_connection_directory.h"
#include "profile_svc/grpc_connection_eraser.h"
#include "profile_svc/http_engagement_system.h"
#include "profile_svc/mysql_account_store.h"
#include "profile_svc/mysql_caller_directory.h"
#include "profile_svc/mysql_category_store.h"
#include "profile_svc/mysql_company_store.h"
#include "profile_svc/mysql_engagement_endpoint_store.h"
#include "profile_svc/mysql_erasure_store.h"
#include "profile_svc/mysql_group_store.h"
#include "profile_svc/mysql_profile_store.h"
#include "profile_svc/mysql_user_store.h"
#include "profile_svc/profile_data_delivery.h"
#include "profile_svc/profile_internal_service.h"
#include "profile_svc/profile_service.h"

namespace {

namespace sync = engage::profile::sync;

// CAT-08: the retries of profile-data deliveries, from the options.
engage::outbox::Dispatcher::Options ProfileDataDispatch(const engage::config::Options& options) {
  engage::outbox::Dispatcher::Options o;
  o.retry = engage::config::RetryPolicyFrom(options, "profile-data");
  o.poll_interval = engage::config::OutboxPollFrom(options);
  // SEC-11: sent events are purged after their retention.
  o.keep_sent = absl::Hours(options.GetInt("profile-data-keep-sent-hours"));
  return o;
}

class ProfileWiring final : public engage::server::Wiring {
 public:
  // `sync_pool` and `lock_pool`: the CRM sync's own connections (SEC-11), so
  // no number of syncs takes a connection the card reads need.
  ProfileWiring(engage::server::ServiceContext& ctx, std::unique_ptr<engage::mysql::Pool> sync_pool,
                std::unique_ptr<engage::mysql::Pool> lock_pool, engage::crypto::SecretBox secrets)
      : sync_pool_(std::move(sync_pool)),
        lock_pool_(std::move(lock_pool)),
        secrets_(std::move(secrets)),
        store_(ctx.pool),
        accounts_(ctx.pool),
        company_(ctx.pool),
        groups_(ctx.pool),
        connections_(std::make_unique<engage::client::ServiceClient>(
            ctx.options.GetString("connection-target"), ctx.tokens)),
        erasure_store_(ctx.pool),
        eraser_(std::make_unique<engage::client::ServiceClient>(
            ctx.options.GetString("connection-target"), ctx.tokens)),
        erasures_(erasure_store_, eraser_, ctx.clock),
        erasure_interval_(absl::Seconds(ctx.options.GetInt("erasure-retry-tick-seconds"))),
        users_(ctx.pool),
        categories_(ctx.pool),
        // CAT-08: profile-data events to each company's engagement system.
        endpoints_(ctx.pool),
        profile_data_(ctx.pool, engage::profile::ProfileDataOutbox(),
                      engage::config::OutboxLeaseFrom(ctx.options)),
        engagement_({absl::Milliseconds(ctx.options.GetInt("engagement-timeout-ms")),
                     ctx.options.GetString("engagement-ca-file"),
                     ctx.options.GetString("engagement-allow-loopback-http") == "true"}),
        profile_data_dispatcher_(profile_data_,
                                 engage::profile::DeliverProfileData(endpoints_, engagement_),
                                 ctx.clock, ProfileDataDispatch(ctx.options)),
        profile_data_interval_(
            absl::Milliseconds(ctx.options.GetInt("profile-data-dispatch-interval-ms"))),
        service_(store_, accounts_, company_, groups_, connections_, erasures_,
                 {profile_data_, endpoints_,
                  ctx.options.GetString("engagement-allow-loopback-http") == "true"},
                 ctx.audit, ctx.gate, ctx.clock, engage::IdGenerator::Default(), users_,
                 categories_),
        audit_service_(ctx.audit, ctx.gate),
        callers_(ctx.pool),
        internal_(store_, accounts_, callers_, ctx.gate, ctx.clock),
        sync_store_(*sync_pool_, *lock_pool_),
        crm_(*sync_pool_),
        feed_(std::make_unique<engage::client::ServiceClient>(
            ctx.options.GetString("connection-target"), ctx.tokens)),
        runner_(sync_store_, crm_, feed_, ctx.clock, engage::IdGenerator::Default(), secrets_,
                static_cast<int>(ctx.options.GetInt("sync-batch-size")),
                static_cast<int>(ctx.options.GetInt("sync-workers")),
                static_cast<int>(ctx.options.GetInt("sync-queue-capacity"))),
        scheduler_(sync_store_, runner_, ctx.clock,
                   absl::Seconds(ctx.options.GetInt("sync-scheduler-tick-seconds"))),
        sync_service_(sync_store_, crm_, runner_, ctx.gate, ctx.clock, secrets_),
        crm_service_(sync_store_, crm_, ctx.gate, ctx.clock) {
    // SEC-09: deactivated users and removed profiles are refused on every call.
    ctx.gate.UseCallerDirectory(callers_);
    Serve<engage::profile::v1::ProfileService>(service_);
    Serve<engage::profile::v1::AuditService>(audit_service_);
    Serve<engage::profile::v1::ProfileInternalService>(internal_);
    Serve<engage::profile::v1::CrmSyncService>(sync_service_);
    Serve<engage::profile::v1::CrmOrgService>(crm_service_);
  }

  void Start() override {
    scheduler_.Start();
    if (profile_data_interval_ > absl::ZeroDuration()) {
      profile_data_dispatcher_.Start(profile_data_interval_);
    }
    // PRF-11: erasures connection_svc has not confirmed yet, tried again.
    loops_.Every(erasure_interval_, "erasure retry pass",
                 [this] { return erasures_.DeliverDue(100).status(); });
  }
  // At SIGTERM, before calls drain: running syncs park at their next batch.
  void RequestStop() override { runner_.RequestStop(); }
  void Stop() override {
    profile_data_dispatcher_.Stop();
    loops_.Stop();
    scheduler_.Stop();
    runner_.Stop();
  }

 private:
  std::unique_ptr<engage::mysql::Pool> sync_pool_;
  std::unique_ptr<engage::mysql::Pool> lock_pool_;
  engage::crypto::SecretBox secrets_;
  engage::profile::MysqlProfileStore store_;
  engage::profile::MysqlAccountStore accounts_;
  engage::profile::MysqlCompanyStore company_;
  engage::profile::MysqlGroupStore groups_;
  engage::profile::GrpcConnectionDirectory connections_;
  engage::profile::MysqlErasureStore erasure_store_;
  engage::profile::GrpcConnectionEraser eraser_;
  engage::profile::ErasureDispatcher erasures_;
  absl::Duration erasure_interval_;
  engage::profile::MysqlUserStore users_;           // issue 17: ListUsers, MoveUser
  engage::profile::MysqlCategoryStore categories_;  // issue 17: category administration
  engage::profile::MysqlEngagementEndpointStore endpoints_;
  engage::outbox::MysqlOutboxStore profile_data_;
  engage::profile::HttpEngagementSystem engagement_;
  engage::outbox::Dispatcher profile_data_dispatcher_;
  absl::Duration profile_data_interval_;
  engage::profile::ProfileServiceImpl service_;
  engage::profile::AuditServiceImpl audit_service_;
  engage::profile::MysqlCallerDirectory callers_;
  engage::profile::ProfileInternalServiceImpl internal_;
  sync::MysqlSyncStore sync_store_;
  sync::MysqlCrmStore crm_;
  sync::GrpcConnectionFeed feed_;
  sync::SyncRunner runner_;
  sync::SyncScheduler scheduler_;
  sync::CrmSyncServiceImpl sync_service_;
  sync::CrmOrgServiceImpl crm_service_;
  engage::server::BackgroundLoops loops_;  // last: ends first
};

}  // namespace

engage::server::ServiceBinary engage::profile::ProfileServiceBinary() {
  engage::server::ServiceBinary binary;
  binary.program = "engage-profile";
  binary.summary = "profile service: business cards, branding, groups, accounts, CRM sync";
  binary.default_port = 50051;
  binary.token_subject = "profile";
  binary.add_options = [](engage::config::Options& options) {
    options.AddString("connection-target", "dns:///localhost:50052",
                      "gRPC target of connection_svc (the CRM sync reads its change feed)");
    options.AddInt("erasure-retry-tick-seconds", 5, 0, 3600,
                   "PRF-11: how often erasures connection_svc did not confirm are looked for "
                   "(each waits its own backoff); 0 turns the retries off");
    options.AddInt("sync-scheduler-tick-seconds", 60, 0, 3600,
                   "how often scheduled CRM syncs are looked for; 0 turns the scheduler off");
    options.AddInt("sync-batch-size", 2000, 1, 10000,
                   "records written per CRM transaction (at most 4000 are used)");
    options.AddInt("sync-workers", 2, 1, 64,
                   "CRM syncs run at once on this replica (the rest wait QUEUED, tenants in turn)");
    options.AddInt("sync-queue-capacity", 32, 1, 1000,
                   "CRM syncs queued or running on this replica before StartSync answers "
                   "RESOURCE_EXHAUSTED");
    // CAT-08: profile-data delivery.
    options.AddInt("profile-data-dispatch-interval-ms", 1000, 0, 3600000,
                   "CAT-08: how often the profile-data dispatcher runs in any case (an event is "
                   "sent at once, another replica's within outbox-poll-ms); 0 turns delivery off");
    options.AddInt("profile-data-retry-first-ms", 1000, 1, 3600000,
                   "CAT-08: the wait after a delivery's first failure (doubling per failure)");
    options.AddInt("profile-data-retry-max-ms", 300000, 1, 86400000,
                   "CAT-08: the longest wait between two attempts of one event");
    options.AddInt("profile-data-max-attempts", 0, 0, 1000000,
                   "CAT-08: failed attempts (5xx, timeouts) before an event is FAILED; 0 never "
                   "(it waits, and holds its profile's later events, until delivered)");
    options.AddInt("profile-data-keep-sent-hours", 720, 0, 24 * 3650,
                   "CAT-08, SEC-11: hours a sent profile-data event is kept (listable as SENT) "
                   "before the dispatcher purges it; 0 keeps them forever");
    options.AddInt("engagement-timeout-ms", 10000, 100, 600000,
                   "CAT-08: the limit of one POST to an engagement system, connecting included");
    options.AddString("engagement-ca-file", "",
                      "CAT-08: PEM CA bundle engagement systems' certificates are verified "
                      "against (empty: the system's)");
    options.AddChoice("engagement-allow-loopback-http", "false", {"false", "true"},
                      "CAT-08: accept http:// endpoints on 127.0.0.1/localhost/[::1] (tests, "
                      "a receiver beside the service); otherwise https only");
    options.AddString("secret-key", "",
                      "SEC-10: base64 of 32 random bytes; seals CRM integration users' passwords "
                      "(AES-256-GCM). Empty: integration users cannot be set or used",
                      /*secret=*/true);
    options.AddString("secret-key-previous", "",
                      "SEC-10 key rotation: the key before secret-key; still opens what it "
                      "sealed (each org is re-sealed with secret-key at its next sync)",
                      /*secret=*/true);
  };
  binary.build = [](engage::server::ServiceContext& ctx)
      -> absl::StatusOr<std::unique_ptr<engage::server::Wiring>> {
    auto secrets = engage::crypto::SecretBox::FromBase64Keys(
        ctx.options.GetString("secret-key"), ctx.options.GetString("secret-key-previous"));
    if (!secrets.ok()) return secrets.status();
    if (!secrets->configured()) {
      engage::log::Warn(
          "no --secret-key (ENGAGE_SECRET_KEY): CRM integration users cannot be "
          "set or signed in with (SEC-10)");
    }
    // The sync's connections: one per worker, plus the scheduler's run and the
    // sync methods' reads; a lock connection for every run queued or running.
    engage::mysql::DbConfig db = ctx.pool.config();
    db.pool_size = static_cast<int>(ctx.options.GetInt("sync-workers")) + 4;
    auto sync_pool = engage::mysql::Pool::Open(db);
    if (!sync_pool.ok()) return sync_pool.status();
    db.pool_size = static_cast<int>(ctx.options.GetInt("sync-queue-capacity")) + 1;
    auto lock_pool = engage::mysql::Pool::Open(db);
    if (!lock_pool.ok()) return lock_pool.status();
    return std::make_unique<ProfileWiring>(ctx, std::move(*sync_pool), std::move(*lock_pool),
                                           *std::move(secrets));
  };
  return binary;
}
