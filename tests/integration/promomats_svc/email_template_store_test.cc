// Where connection_svc's invite e-mail templates come from (CON-13, PMX-06),
// against the real MariaDB: the CRM vault of the org's domain and of the org's
// type only, and one CRM vault per domain (attack review 6, finding 9).
#include <gtest/gtest.h>

#include "absl/time/time.h"
#include "common/status/errors.h"
#include "promomats_svc/mysql_email_template_store.h"
#include "promomats_svc/mysql_vault_store.h"
#include "tests/support/test_database.h"

namespace engage::promomats {
namespace {

constexpr char kTenant[] = "acme";

class EmailTemplateStoreTest : public ::testing::Test {
 protected:
  EmailTemplateStoreTest() : vaults_(db_.pool()), templates_(db_.pool()) {}

  absl::StatusOr<Vault> Register(const std::string& id, VaultKind kind, VaultType type,
                                 const std::string& domain) {
    return vaults_.Register(kTenant, {"req-" + id, "fp-" + id}, {id, id, kind, type, domain},
                            absl::FromUnixSeconds(1700000000));
  }

  // An active approved e-mail template CrossLink in `crm_vault_id`, as the
  // target vault stores it (the CrossLink message as JSON).
  void Template(const std::string& crm_vault_id, const std::string& document_id) {
    ASSERT_TRUE(
        db_.pool()
            .Execute("INSERT INTO pmx_crosslinks (tenant_id, crm_vault_id, document_id, "
                     "cross_link_id, source_version, state, body, applied_changes, update_time) "
                     "VALUES (?, ?, ?, ?, 1, 1, ?, 0, NOW(6))",
                     {kTenant, crm_vault_id, document_id, "CL" + document_id.substr(2),
                      std::string(R"({"name":"Invite","feature":"FEATURE_APPROVED_EMAIL",)"
                                  R"("email_kind":"EMAIL_KIND_TEMPLATE",)"
                                  R"("lifecycle_state":"LIFECYCLE_STATE_STEADY",)"
                                  R"("metadata":{"body":"{{invite_link}}"}})")})
            .ok());
  }

  int Found(const std::string& domain, std::optional<VaultType> type) {
    auto links = templates_.ActiveEmailTemplates(kTenant, domain, type, 100);
    EXPECT_TRUE(links.ok()) << links.status();
    return links.ok() ? static_cast<int>(links->size()) : -1;
  }

  engage::testing::TestDatabase db_;
  MysqlVaultStore vaults_;
  MysqlEmailTemplateStore templates_;
};

TEST_F(EmailTemplateStoreTest, PMX06_ASandboxVaultNeverSuppliesAProductionOrgsTemplates) {
  // A sandbox CRM vault registered with the production org's domain.
  ASSERT_TRUE(Register("01SANDBOXCRM0000000000000A", VaultKind::kCrm, VaultType::kSandbox,
                       "acme.veevavault.com")
                  .ok());
  Template("01SANDBOXCRM0000000000000A", "01DOC000000000000000000001");
  EXPECT_EQ(Found("acme.veevavault.com", VaultType::kProduction), 0);
  EXPECT_EQ(Found("ACME.veevavault.com", VaultType::kSandbox), 1);  // a sandbox org: its own
  // A caller from before the type (a rolling upgrade) finds a vault of either.
  EXPECT_EQ(Found("acme.veevavault.com", std::nullopt), 1);
  ASSERT_TRUE(Register("01PRODCRM00000000000000000", VaultKind::kCrm, VaultType::kProduction,
                       "acme-prod.veevavault.com")
                  .ok());
  Template("01PRODCRM00000000000000000", "01DOC000000000000000000002");
  EXPECT_EQ(Found("acme-prod.veevavault.com", VaultType::kProduction), 1);
}

TEST_F(EmailTemplateStoreTest, PMX06_ACrmDomainIsRegisteredOnce) {
  ASSERT_TRUE(Register("01CRM0000000000000000000A1", VaultKind::kCrm, VaultType::kProduction,
                       "acme.veevavault.com")
                  .ok());
  // Another CRM vault of that domain, of either type or spelling: ALREADY_EXISTS naming it.
  for (auto type : {VaultType::kSandbox, VaultType::kProduction}) {
    auto again = Register(
        type == VaultType::kSandbox ? "01CRM0000000000000000000A2" : "01CRM0000000000000000000A3",
        VaultKind::kCrm, type, "Acme.VeevaVault.com");
    EXPECT_EQ(again.status().code(), absl::StatusCode::kAlreadyExists) << again.status();
    EXPECT_EQ(again.status().message().substr(0, 7), "domain:") << again.status();
    EXPECT_EQ(ReasonOf(again.status()), "PMX-06");
  }
  // A PromoMats vault may share it; the first request again is its replay.
  EXPECT_TRUE(Register("01PM00000000000000000000A4", VaultKind::kPromoMats, VaultType::kProduction,
                       "acme.veevavault.com")
                  .ok());
  auto replay = Register("01CRM0000000000000000000A1", VaultKind::kCrm, VaultType::kProduction,
                         "acme.veevavault.com");
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->vault_id, "01CRM0000000000000000000A1");
  // Another domain is another org.
  EXPECT_TRUE(Register("01CRM0000000000000000000A5", VaultKind::kCrm, VaultType::kSandbox,
                       "acme-sandbox.veevavault.com")
                  .ok());
}

}  // namespace
}  // namespace engage::promomats
