// engage-profile: Engage profiles, branding, groups, accounts, categories.
#include "common/mysql/pool.h"
#include "common/server/service_main.h"
#include "db/embedded_migrations.h"
#include "profile_svc/mysql_account_store.h"
#include "profile_svc/mysql_company_store.h"
#include "profile_svc/mysql_profile_store.h"
#include "profile_svc/profile_internal_service.h"
#include "profile_svc/profile_service.h"

namespace {

class ProfileWiring final : public engage::server::Wiring {
 public:
  explicit ProfileWiring(engage::server::ServiceContext& ctx)
      : store_(ctx.pool),
        accounts_(ctx.pool),
        company_(ctx.pool),
        service_(store_, accounts_, company_, ctx.verifier, ctx.clock, engage::IdGenerator::Default()),
        internal_(store_, accounts_, ctx.verifier, ctx.clock) {
    services.emplace_back(&service_, engage::profile::v1::ProfileService::service_full_name());
    services.emplace_back(&internal_,
                          engage::profile::v1::ProfileInternalService::service_full_name());
  }

 private:
  engage::profile::MysqlProfileStore store_;
  engage::profile::MysqlAccountStore accounts_;
  engage::profile::MysqlCompanyStore company_;
  engage::profile::ProfileServiceImpl service_;
  engage::profile::ProfileInternalServiceImpl internal_;
};

}  // namespace

int main(int argc, char** argv) {
  engage::server::ServiceBinary binary;
  binary.program = "engage-profile";
  binary.summary = "profile service: business cards, branding, groups, accounts, CRM sync";
  binary.default_port = 50051;
  binary.build = [](engage::server::ServiceContext& ctx)
      -> absl::StatusOr<std::unique_ptr<engage::server::Wiring>> {
    return std::make_unique<ProfileWiring>(ctx);
  };
  return engage::server::RunDatabaseService(argc, argv, binary, engage::db::EmbeddedMigrations());
}
