// SEC-10 with the real stores: the sync opens the sealed password where it
// signs in, key rotation completes with each org's next sync, and an org
// configured before passwords were sealed is told to set it again.
#include "absl/strings/escaping.h"
#include "tests/integration/profile_svc/crm_sync/sync_fixture.h"

namespace engage::profile::sync {
namespace {

std::string StoredSecret(SyncStore& store, const std::string& tenant, const std::string& org) {
  auto settings = store.GetSettings(tenant, org);
  EXPECT_TRUE(settings.ok()) << settings.status();
  return settings.ok() ? settings->integration_secret_sealed : "";
}

TEST_F(SyncTest, SEC10_RotatedKeyStillSignsInAndTheNextSyncReSealsWithTheNewKey) {
  Connect(Staff("rep"), Hcp("hcp"));
  const std::string before = StoredSecret(store_, tenant_, kOrgA);
  auto rotated =
      crypto::SecretBox::FromBase64Keys(absl::Base64Escape(std::string(32, 'n')), kSecretKey);
  ASSERT_TRUE(rotated.ok()) << rotated.status();
  ASSERT_FALSE(rotated->SealedWithCurrentKey(before));
  SyncRunner runner(store_, crm_, *feed_, clock_, ids_, *rotated, 7);
  clock_.Advance(absl::Minutes(61));
  auto run = runner.RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->status, RunStatus::kSuccess) << run->message;
  const std::string after = StoredSecret(store_, tenant_, kOrgA);
  EXPECT_NE(after, before);
  EXPECT_TRUE(rotated->SealedWithCurrentKey(after)) << after;
  // The old key alone no longer opens it: the previous key can be retired.
  EXPECT_FALSE(secrets_.Open(after, IntegrationSecretContext(tenant_, kOrgA)).ok());
  auto opened = rotated->Open(after, IntegrationSecretContext(tenant_, kOrgA));
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, "s3cret");
}

TEST_F(SyncTest, SEC10_WithoutTheKeyThatSealedItTheSyncFailsNamingTheRule) {
  Connect(Staff("rep"), Hcp("hcp"));
  auto other = crypto::SecretBox::FromBase64Keys(absl::Base64Escape(std::string(32, 'x')), "");
  ASSERT_TRUE(other.ok());
  SyncRunner runner(store_, crm_, *feed_, clock_, ids_, *other, 7);
  clock_.Advance(absl::Minutes(61));
  auto run = runner.RunToEnd(tenant_, kOrgA, Trigger::kAdmin, false);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->status, RunStatus::kFailure);
  EXPECT_NE(run->message.find("SEC-10"), std::string::npos) << run->message;
  EXPECT_EQ(run->message.find("s3cret"), std::string::npos);
  EXPECT_TRUE(CrmProfiles().empty());
}

TEST_F(SyncTest, SEC10_AnIntegrationUserConfiguredBeforeSealingMustBeSetAgain) {
  Connect(Staff("rep"), Hcp("hcp"));
  // What migration 0014 leaves of an org configured with a password hash.
  ASSERT_TRUE(db_.pool()
                  .Execute("UPDATE sync_settings SET integration_secret_sealed = '' "
                           "WHERE tenant_id = ? AND org_id = ?",
                           {tenant_, kOrgA})
                  .ok());
  Job run = Sync();
  EXPECT_EQ(run.status, RunStatus::kFailure);
  EXPECT_NE(run.message.find("must be set again"), std::string::npos) << run.message;
  ConfigureIntegrationUser(kOrgA, "integration@verteo", "s3cret", "s3cret");
  EXPECT_EQ(Sync().status, RunStatus::kSuccess);
}

}  // namespace
}  // namespace engage::profile::sync
