// engage-profile: Engage profiles, branding, groups, accounts, categories.
#include "common/client/service_client.h"
#include "common/mysql/pool.h"
#include "common/server/service_main.h"
#include "db/embedded_migrations.h"
#include "profile_svc/crm_sync/crm_sync_service.h"
#include "profile_svc/crm_sync/grpc_connection_feed.h"
#include "profile_svc/crm_sync/mysql_crm_store.h"
#include "profile_svc/crm_sync/mysql_sync_store.h"
#include "profile_svc/crm_sync/sync_scheduler.h"
#include "profile_svc/mysql_account_store.h"
#include "profile_svc/mysql_caller_directory.h"
#include "profile_svc/mysql_company_store.h"
#include "profile_svc/mysql_profile_store.h"
#include "profile_svc/profile_internal_service.h"
#include "profile_svc/profile_service.h"

namespace {

namespace sync = engage::profile::sync;

class ProfileWiring final : public engage::server::Wiring {
 public:
  ProfileWiring(engage::server::ServiceContext& ctx,
                std::shared_ptr<engage::client::ServiceTokenSource> tokens)
      : store_(ctx.pool),
        accounts_(ctx.pool),
        company_(ctx.pool),
        service_(store_, accounts_, company_, ctx.gate, ctx.clock,
                 engage::IdGenerator::Default()),
        callers_(ctx.pool),
        internal_(store_, accounts_, callers_, ctx.gate, ctx.clock),
        sync_store_(ctx.pool),
        crm_(ctx.pool),
        feed_(std::make_unique<engage::client::ServiceClient>(
            ctx.options.GetString("connection-target"), std::move(tokens))),
        runner_(sync_store_, crm_, feed_, ctx.clock, engage::IdGenerator::Default(),
                static_cast<int>(ctx.options.GetInt("sync-batch-size"))),
        scheduler_(sync_store_, runner_, ctx.clock,
                   absl::Seconds(ctx.options.GetInt("sync-scheduler-tick-seconds"))),
        sync_service_(sync_store_, crm_, runner_, ctx.gate, ctx.clock),
        crm_service_(sync_store_, crm_, ctx.gate, ctx.clock) {
    // SEC-09: deactivated users and removed profiles are refused on every call.
    ctx.gate.UseCallerDirectory(callers_);
    services.emplace_back(&service_, engage::profile::v1::ProfileService::service_full_name());
    services.emplace_back(&internal_,
                          engage::profile::v1::ProfileInternalService::service_full_name());
    services.emplace_back(&sync_service_, engage::profile::v1::CrmSyncService::service_full_name());
    services.emplace_back(&crm_service_, engage::profile::v1::CrmOrgService::service_full_name());
  }

  void Start() override { scheduler_.Start(); }
  void Stop() override {
    scheduler_.Stop();
    runner_.Wait();
  }

 private:
  engage::profile::MysqlProfileStore store_;
  engage::profile::MysqlAccountStore accounts_;
  engage::profile::MysqlCompanyStore company_;
  engage::profile::ProfileServiceImpl service_;
  engage::profile::MysqlCallerDirectory callers_;
  engage::profile::ProfileInternalServiceImpl internal_;
  sync::MysqlSyncStore sync_store_;
  sync::MysqlCrmStore crm_;
  sync::GrpcConnectionFeed feed_;
  sync::SyncRunner runner_;
  sync::SyncScheduler scheduler_;
  sync::CrmSyncServiceImpl sync_service_;
  sync::CrmOrgServiceImpl crm_service_;
};

}  // namespace

int main(int argc, char** argv) {
  engage::server::ServiceBinary binary;
  binary.program = "engage-profile";
  binary.summary = "profile service: business cards, branding, groups, accounts, CRM sync";
  binary.default_port = 50051;
  binary.add_options = [](engage::config::Options& options) {
    engage::client::ServiceTokenSource::AddOptions(options);
    options.AddString("connection-target", "dns:///localhost:50052",
                      "gRPC target of connection_svc (the CRM sync reads its change feed)");
    options.AddInt("sync-scheduler-tick-seconds", 60, 0, 3600,
                   "how often scheduled CRM syncs are looked for; 0 turns the scheduler off");
    options.AddInt("sync-batch-size", 2000, 1, 10000,
                   "records written per CRM transaction (at most 4000 are used)");
  };
  binary.build = [](engage::server::ServiceContext& ctx)
      -> absl::StatusOr<std::unique_ptr<engage::server::Wiring>> {
    auto tokens = engage::client::ServiceTokenSource::From(ctx.options, "profile", ctx.clock);
    if (!tokens.ok()) return tokens.status();
    return std::make_unique<ProfileWiring>(ctx, *tokens);
  };
  return engage::server::RunDatabaseService(argc, argv, binary, engage::db::EmbeddedMigrations());
}
