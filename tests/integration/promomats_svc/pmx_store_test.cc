// The store and dispatcher of promomats_svc against a real MariaDB: record
// transfer, documents with their outbox, delivery that loses nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <random>
#include <thread>

#include "common/outbox/outbox.h"
#include "promomats_svc/dispatcher.h"
#include "promomats_svc/mysql_pmx_store.h"
#include "promomats_svc/mysql_target_vault.h"
#include "promomats_svc/mysql_vault_store.h"
#include "promomats_svc/pmx_mapping.h"
#include "promomats_svc/rules/metrics_rules.h"
#include "promomats_svc/rules/routing_rules.h"
#include "promomats_svc/rules/transfer_rules.h"
#include "tests/support/test_database.h"
#include "tests/support/test_env.h"

namespace engage::promomats {
namespace {

// A target that is down while `down` is set (a collaborator's failure, the
// one mock allowed); otherwise the real local vault.
class SwitchableTarget final : public TargetVault {
 public:
  explicit SwitchableTarget(TargetVault& real) : real_(real) {}
  absl::StatusOr<ApplyOutcome> CrossLink(const std::string& t, const std::string& v,
                                         const std::string& c, int64_t s,
                                         const promomats::CrossLink& p) override {
    ++calls;
    if (down.load()) return absl::UnavailableError("CRM vault unreachable");
    return real_.CrossLink(t, v, c, s, p);
  }
  absl::StatusOr<ApplyOutcome> Withdraw(const std::string& t, const std::string& v,
                                        const std::string& c, int64_t s,
                                        const std::string& d) override {
    ++calls;
    if (down.load()) return absl::UnavailableError("CRM vault unreachable");
    return real_.Withdraw(t, v, c, s, d);
  }
  absl::StatusOr<std::vector<promomats::CrossLink>> List(const std::string& t, const std::string& v,
                                                         const std::string& a, int l) override {
    return real_.List(t, v, a, l);
  }
  std::atomic<bool> down{false};
  std::atomic<int> calls{0};

 private:
  TargetVault& real_;
};

class PmxStoreTest : public ::testing::Test {
 protected:
  PmxStoreTest()
      : clock_(absl::FromUnixSeconds(1700000000)),
        ids_(clock_,
             [] {
               static std::mt19937_64 rng(42);
               return rng();
             }),
        vaults_(db_.pool()),
        store_(db_.pool()),
        local_(db_.pool(), clock_, ids_),
        target_(local_),
        dispatcher_(store_.deliveries(), target_, store_, clock_, ids_) {}

  std::string NewId() { return ids_.Next(); }

  std::string Vault(const std::string& name, VaultKind kind, VaultType type) {
    auto v = vaults_.Register(
        kTenant, {name, "fp-" + name},
        {NewId(), name, kind, type, engage::testing::UniqueName("v") + ".example.com"},
        clock_.Now());
    EXPECT_TRUE(v.ok()) << v.status();
    return v->vault_id;
  }

  Connection Connect(const std::string& pm, const std::string& crm) {
    auto pv = store_.GetVault(kTenant, pm);
    auto cv = store_.GetVault(kTenant, crm);
    auto c = store_.CreateConnection(kTenant, {"conn-" + crm, "fp-" + crm},
                                     {NewId(), pm, crm, pv->type, cv->type}, clock_.Now());
    EXPECT_TRUE(c.ok()) << c.status();
    return *c;
  }

  absl::StatusOr<v1::TransferRecordsResponse> Transfer(const std::string& request_id,
                                                       const Connection& c, v1::ObjectType type,
                                                       const std::string& target,
                                                       std::vector<v1::TransferRecord> records) {
    TransferBatch batch;
    batch.request_id = request_id;
    batch.request_hash = request_id + std::to_string(records.size());
    batch.target_vault_id = target;
    batch.object_type = FromProto(type);
    batch.crm_org = c.crm_vault_id;
    for (const auto& r : records) {
      batch.records.push_back(FromProto(r));
      batch.failures.push_back(RecordFailure(batch.object_type, batch.records.back()));
    }
    auto results = store_.ApplyTransfer(
        kTenant, batch, FindMatch, [this] { return NewId(); }, clock_.Now());
    if (!results.ok()) return results.status();
    return ToProto(*results);
  }

  static v1::TransferRecord Rec(const std::string& name, const std::string& crm_id,
                                const std::string& external_id, const std::string& link = "") {
    v1::TransferRecord r;
    r.set_name(name);
    r.set_crm_id(crm_id);
    r.set_external_id(external_id);
    r.set_link(link);
    return r;
  }

  // PromoMats with US/CA/MX countries and the three CRMs of seed 003 (CLM).
  void SeedExample() {
    pm_ = Vault("PromoMats", VaultKind::kPromoMats, VaultType::kProduction);
    crm_a_ = Vault("CRM A", VaultKind::kCrm, VaultType::kProduction);
    crm_b_ = Vault("CRM B", VaultKind::kCrm, VaultType::kProduction);
    crm_c_ = Vault("CRM C", VaultKind::kCrm, VaultType::kSandbox);
    auto a = Connect(pm_, crm_a_), b = Connect(pm_, crm_b_), c = Connect(pm_, crm_c_);
    ASSERT_TRUE(
        Transfer("countries", a, v1::OBJECT_TYPE_COUNTRY, pm_,
                 {Rec("United States", "", "US"), Rec("Canada", "", "CA"), Rec("Mexico", "", "MX")})
            .ok());
    ASSERT_TRUE(
        store_.SetCountryFilter(kTenant, a.connection_id, Feature::kClm, {"US"}, clock_.Now())
            .ok());
    ASSERT_TRUE(
        store_.SetCountryFilter(kTenant, b.connection_id, Feature::kClm, {"US", "CA"}, clock_.Now())
            .ok());
    ASSERT_TRUE(
        store_.SetCountryFilter(kTenant, c.connection_id, Feature::kClm, {"MX", "CA"}, clock_.Now())
            .ok());
  }

  v1::Document CreateDoc(const std::string& request_id, const std::string& country) {
    v1::Document d;
    d.set_document_id(NewId());
    d.set_promomats_vault_id(pm_);
    d.set_name("Binder " + country);
    d.set_document_type("CLM Presentation");
    d.set_country(country);
    d.set_lifecycle_state(v1::LIFECYCLE_STATE_STEADY);
    d.set_feature(v1::FEATURE_CLM);
    d.set_publish_for_crm_clm(true);
    d.add_slides()->set_slide_id("s1");
    d.set_version(1);
    d.set_owner("marketer");
    auto stored = store_.CreateDocument(
        kTenant, {request_id, "fp-" + request_id}, FromProto(d), PlanDeliveries, BuildCrossLink,
        [this] { return NewId(); }, clock_.Now());
    EXPECT_TRUE(stored.ok()) << stored.status();
    return ToProto(*stored);
  }

  absl::StatusOr<v1::Document> Update(const std::string& id,
                                      const std::function<void(v1::Document&)>& f) {
    auto updated = store_.UpdateDocument(
        kTenant, id,
        [&](Document& stored) {
          v1::Document d = ToProto(stored);
          f(d);
          d.set_version(d.version() + 1);
          stored = FromProto(d);
          return absl::OkStatus();
        },
        PlanDeliveries, BuildCrossLink, [this] { return NewId(); }, clock_.Now());
    if (!updated.ok()) return updated.status();
    return ToProto(*updated);
  }

  std::map<std::string, v1::CrossLink> Links(const std::string& crm) {
    auto links = local_.List(kTenant, crm, "", 500);
    EXPECT_TRUE(links.ok());
    std::map<std::string, v1::CrossLink> out;
    for (const auto& l : *links) out[l.source_document_id] = ToProto(l);
    return out;
  }

  static constexpr char kTenant[] = "tenant-pmx";
  engage::testing::TestDatabase db_;
  FakeClock clock_;
  IdGenerator ids_;
  MysqlVaultStore vaults_;
  MysqlPmxStore store_;
  MysqlTargetVault local_;
  SwitchableTarget target_;
  Dispatcher dispatcher_;
  std::string pm_, crm_a_, crm_b_, crm_c_;
};

TEST_F(PmxStoreTest, PMX05_SameBatchTwiceLeavesTheStateOfOnce) {
  auto pm = Vault("PM", VaultKind::kPromoMats, VaultType::kProduction);
  auto crm = Vault("CRM", VaultKind::kCrm, VaultType::kProduction);
  auto c = Connect(pm, crm);
  std::vector<v1::TransferRecord> records = {Rec("Cholecap", "a01", "P-1"),
                                             Rec("Restolar", "a02", "")};
  auto first = Transfer("batch-1", c, v1::OBJECT_TYPE_PRODUCT, pm, records);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->results_size(), 2);
  EXPECT_EQ(first->results(0).outcome(), v1::RECORD_OUTCOME_CREATED);
  auto replay = Transfer("batch-1", c, v1::OBJECT_TYPE_PRODUCT, pm, records);
  ASSERT_TRUE(replay.ok());
  EXPECT_EQ(replay->SerializeAsString(), first->SerializeAsString());
  // The same records under a new request id match and update; nothing new.
  auto again = Transfer("batch-2", c, v1::OBJECT_TYPE_PRODUCT, pm, records);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->results(0).outcome(), v1::RECORD_OUTCOME_UPDATED);
  EXPECT_EQ(again->results(0).record_id(), first->results(0).record_id());
  auto listed = store_.ListRecords(kTenant, pm, FromProto(v1::OBJECT_TYPE_PRODUCT), "", 100);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);
  // Reusing a request id for another batch is refused and changes nothing.
  auto reused = Transfer("batch-1", c, v1::OBJECT_TYPE_PRODUCT, pm, {Rec("Other", "a09", "")});
  EXPECT_EQ(reused.status().code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(PmxStoreTest, PMX04_MatchUpdatesSameNameOtherKeysCreatesFailedRecordHasReason) {
  auto pm = Vault("PM", VaultKind::kPromoMats, VaultType::kProduction);
  auto crm = Vault("CRM", VaultKind::kCrm, VaultType::kProduction);
  auto c = Connect(pm, crm);
  ASSERT_TRUE(
      Transfer("b1", c, v1::OBJECT_TYPE_PRODUCT_FAMILY, crm, {Rec("Cholecap", "", "F-1", "L-1")})
          .ok());
  auto second = Transfer(
      "b2", c, v1::OBJECT_TYPE_PRODUCT_FAMILY, crm,
      {Rec("Cholecap 2", "", "", "L-1"), Rec("Cholecap", "", "F-2"), Rec("No keys", "", "")});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->results(0).outcome(), v1::RECORD_OUTCOME_UPDATED);
  EXPECT_EQ(second->results(1).outcome(), v1::RECORD_OUTCOME_CREATED);
  EXPECT_EQ(second->results(2).outcome(), v1::RECORD_OUTCOME_FAILED);
  EXPECT_NE(second->results(2).reason(), "");
  auto listed =
      store_.ListRecords(kTenant, crm, FromProto(v1::OBJECT_TYPE_PRODUCT_FAMILY), "", 100);
  ASSERT_EQ(listed->size(), 2u);
}

TEST_F(PmxStoreTest, PMX14_TwoCrmsFeedOnePromoMatsWithoutOverwriting) {
  auto pm = Vault("PM", VaultKind::kPromoMats, VaultType::kProduction);
  auto a = Connect(pm, Vault("CRM A", VaultKind::kCrm, VaultType::kProduction));
  auto b = Connect(pm, Vault("CRM B", VaultKind::kCrm, VaultType::kProduction));
  // Same CRM id and name from two orgs: two records.
  auto from_a = Transfer("a", a, v1::OBJECT_TYPE_PRODUCT, pm, {Rec("Cholecap", "a01", "")});
  auto from_b = Transfer("b", b, v1::OBJECT_TYPE_PRODUCT, pm, {Rec("Cholecap", "a01", "")});
  ASSERT_TRUE(from_a.ok() && from_b.ok());
  EXPECT_EQ(from_b->results(0).outcome(), v1::RECORD_OUTCOME_CREATED);
  EXPECT_NE(from_a->results(0).record_id(), from_b->results(0).record_id());
  // A matching external id is the same record (PMX-04), whichever org sends it.
  ASSERT_TRUE(Transfer("a2", a, v1::OBJECT_TYPE_PRODUCT, pm, {Rec("Shared", "a02", "X-1")}).ok());
  auto shared = Transfer("b2", b, v1::OBJECT_TYPE_PRODUCT, pm, {Rec("Shared", "b77", "X-1")});
  EXPECT_EQ(shared->results(0).outcome(), v1::RECORD_OUTCOME_UPDATED);
}

TEST_F(PmxStoreTest, PMX07_ConnectionCountriesComeFromSettingsAndPromoMatsCountries) {
  SeedExample();
  auto settings = store_.ListSettings(kTenant, "");
  ASSERT_TRUE(settings.ok());
  ASSERT_EQ(settings->size(), 3u);
  auto countries = store_.PromoMatsCountries(kTenant, pm_);
  ASSERT_TRUE(countries.ok());
  std::map<std::string, std::vector<std::string>> by_crm;
  for (const auto& s : *settings) {
    by_crm[s.connection.crm_vault_id] = ConnectionCountries(s.country_filter, *countries);
  }
  EXPECT_EQ(by_crm[crm_a_], (std::vector<std::string>{"US", "GLOBAL"}));
  EXPECT_EQ(by_crm[crm_b_], (std::vector<std::string>{"CA", "US", "GLOBAL"}));
  EXPECT_EQ(by_crm[crm_c_], (std::vector<std::string>{"CA", "MX", "GLOBAL"}));
}

TEST_F(PmxStoreTest, PMX08_RoutedDeliveriesReachExactlyTheSeedCrms) {
  SeedExample();
  v1::Document us = CreateDoc("doc-a", "US");
  v1::Document global = CreateDoc("doc-b", "GLOBAL");
  auto run = dispatcher_.RunOnce(kTenant);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->delivered, 5);
  EXPECT_EQ(Links(crm_a_).size(), 2u);
  EXPECT_EQ(Links(crm_b_).size(), 2u);
  EXPECT_EQ(Links(crm_c_).count(us.document_id()), 0u);
  EXPECT_EQ(Links(crm_c_).count(global.document_id()), 1u);

  ASSERT_TRUE(Update(us.document_id(), [](v1::Document& d) { d.set_description("new"); }).ok());
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  for (const auto& crm : {crm_a_, crm_b_}) {
    const auto link = Links(crm).at(us.document_id());
    EXPECT_EQ(link.description(), "new");
    EXPECT_EQ(link.source_version(), 2);
  }
  EXPECT_EQ(Links(crm_c_).count(us.document_id()), 0u);
}

TEST_F(PmxStoreTest, PMX09_FlagNoOrObsoleteWithdrawsTheCrossLink) {
  SeedExample();
  v1::Document us = CreateDoc("doc-a", "US");
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  ASSERT_TRUE(
      Update(us.document_id(), [](v1::Document& d) { d.set_publish_for_crm_clm(false); }).ok());
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  EXPECT_EQ(Links(crm_a_).at(us.document_id()).state(), v1::CROSS_LINK_STATE_WITHDRAWN);
  ASSERT_TRUE(
      Update(us.document_id(), [](v1::Document& d) { d.set_publish_for_crm_clm(true); }).ok());
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  EXPECT_EQ(Links(crm_a_).at(us.document_id()).state(), v1::CROSS_LINK_STATE_ACTIVE);
  ASSERT_TRUE(Update(us.document_id(), [](v1::Document& d) {
                d.set_lifecycle_state(v1::LIFECYCLE_STATE_OBSOLETE);
              }).ok());
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  EXPECT_EQ(Links(crm_b_).at(us.document_id()).state(), v1::CROSS_LINK_STATE_WITHDRAWN);
}

TEST_F(PmxStoreTest, PMX13_OwnerIsNotifiedOfPublishWithdrawalAndFailure) {
  SeedExample();
  v1::Document us = CreateDoc("doc-a", "US");
  target_.down = true;
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  target_.down = false;
  clock_.Advance(absl::Minutes(10));
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  ASSERT_TRUE(
      Update(us.document_id(), [](v1::Document& d) { d.set_publish_for_crm_clm(false); }).ok());
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  auto notes = store_.ListNotifications(kTenant, "marketer", "", 100);
  ASSERT_TRUE(notes.ok());
  std::map<v1::NotificationKind, int> kinds;
  for (const auto& n : *notes) ++kinds[ToProto(n).kind()];
  EXPECT_EQ(kinds[v1::NOTIFICATION_KIND_FAILED], 2);  // CRM A and B, first failure only
  EXPECT_EQ(kinds[v1::NOTIFICATION_KIND_PUBLISHED], 2);
  EXPECT_EQ(kinds[v1::NOTIFICATION_KIND_WITHDRAWN], 2);
  EXPECT_TRUE(store_.ListNotifications(kTenant, "someone-else", "", 100)->empty());
}

TEST_F(PmxStoreTest, DownTargetDelaysDeliveryWithBackoffButLosesNothingAndKeepsOrder) {
  SeedExample();
  v1::Document us = CreateDoc("doc-a", "US");
  target_.down = true;
  auto run = dispatcher_.RunOnce(kTenant);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->failed, 2);
  // Later versions queue behind the failed one (order per document).
  ASSERT_TRUE(Update(us.document_id(), [](v1::Document& d) { d.set_description("v2"); }).ok());
  ASSERT_TRUE(Update(us.document_id(), [](v1::Document& d) { d.set_description("v3"); }).ok());
  target_.down = false;
  // Not yet due: the backoff of the first failure has not passed.
  EXPECT_EQ(dispatcher_.RunOnce(kTenant)->delivered, 0);
  EXPECT_TRUE(Links(crm_a_).empty());
  clock_.Advance(absl::Milliseconds(1200));  // 1 s, +-20% jitter
  EXPECT_EQ(dispatcher_.RunOnce(kTenant)->delivered, 6);
  EXPECT_EQ(*store_.PendingCount(kTenant), 0);
  const auto link = Links(crm_a_).at(us.document_id());
  EXPECT_EQ(link.description(), "v3");
  EXPECT_EQ(link.source_version(), 3);
  EXPECT_EQ(link.applied_changes(), 3);
}

// Issue 18: the crash point between a delivery's effects (the target's
// change, the owner's notification) and the outbox's record of it, caused for
// real: this store runs the attempt, then fails instead of recording it, so
// its transaction rolls back as a killed process's would.
class KilledAfterAttempt final : public outbox::Store {
 public:
  explicit KilledAfterAttempt(outbox::Store& real) : real_(real) {}
  const std::string& name() const override { return real_.name(); }
  absl::StatusOr<std::vector<std::string>> TenantsWithPending() override {
    return real_.TenantsWithPending();
  }
  absl::StatusOr<std::vector<std::string>> Due(const std::string& t, absl::Time now,
                                               int limit) override {
    return real_.Due(t, now, limit);
  }
  absl::StatusOr<Processed> Process(
      const std::string& t, const std::string& id, absl::Time now,
      const std::function<absl::StatusOr<outbox::Record>(const outbox::Message&)>& attempt)
      override {
    return real_.Process(t, id, now,
                         [&](const outbox::Message& m) -> absl::StatusOr<outbox::Record> {
                           auto rec = attempt(m);
                           if (!rec.ok()) return rec.status();
                           ++killed;
                           return absl::InternalError("killed before the outbox committed");
                         });
  }
  absl::StatusOr<outbox::Counts> CountsOf(const std::string& t) override {
    return real_.CountsOf(t);
  }
  absl::StatusOr<std::map<std::string, outbox::Counts>> AllCounts() override {
    return real_.AllCounts();
  }
  absl::StatusOr<std::vector<outbox::Status>> List(const std::string& t,
                                                   const outbox::ListFilter& f,
                                                   const std::string& after, int limit) override {
    return real_.List(t, f, after, limit);
  }
  absl::Status Retry(const std::string& t, const std::string& id, absl::Time now) override {
    return real_.Retry(t, id, now);
  }
  int killed = 0;

 private:
  outbox::Store& real_;
};

TEST_F(PmxStoreTest, DispatcherKilledMidDeliveryAndRestartedDeliversEachChangeOncePerTarget) {
  SeedExample();
  v1::Document us = CreateDoc("doc-a", "US");
  v1::Document global = CreateDoc("doc-b", "GLOBAL");
  ASSERT_TRUE(Update(us.document_id(), [](v1::Document& d) { d.set_description("v2"); }).ok());
  // The first dispatcher applies the first due change in its target, notifies
  // the owner, and dies before the outbox records the delivery.
  KilledAfterAttempt killer(store_.deliveries());
  Dispatcher killed(killer, local_, store_, clock_, ids_);
  EXPECT_FALSE(killed.RunOnce(kTenant).ok());
  ASSERT_EQ(killer.killed, 1);
  EXPECT_EQ(*store_.PendingCount(kTenant), 7);
  ASSERT_EQ(store_.ListNotifications(kTenant, "marketer", "", 100)->size(), 1u);
  // The restarted dispatcher (two replicas at once) delivers everything.
  Dispatcher first(store_.deliveries(), local_, store_, clock_, ids_),
      second(store_.deliveries(), local_, store_, clock_, ids_);
  std::thread t1([&] { ASSERT_TRUE(first.RunOnce(kTenant).ok()); });
  std::thread t2([&] { ASSERT_TRUE(second.RunOnce(kTenant).ok()); });
  t1.join();
  t2.join();
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  EXPECT_EQ(*store_.PendingCount(kTenant), 0);
  // US: 2 changes to A and B; Global: 1 change to A, B, C. Each applied once.
  for (const auto& crm : {crm_a_, crm_b_}) {
    EXPECT_EQ(Links(crm).at(us.document_id()).applied_changes(), 2) << crm;
    EXPECT_EQ(Links(crm).at(us.document_id()).description(), "v2");
    EXPECT_EQ(Links(crm).at(global.document_id()).applied_changes(), 1) << crm;
  }
  EXPECT_EQ(Links(crm_c_).at(global.document_id()).applied_changes(), 1);
  auto applied = db_.pool().Query("SELECT COUNT(*) FROM pmx_applied_changes WHERE tenant_id = ?",
                                  {std::string(kTenant)});
  EXPECT_EQ(applied->front().Int(0), 7);
  // One PUBLISHED notification per (change, target): the replayed delivery
  // did not notify twice.
  auto notes = store_.ListNotifications(kTenant, "marketer", "", 100);
  EXPECT_EQ(notes->size(), 7u);
  for (const auto& n : *notes) EXPECT_EQ(n.kind, NotificationKind::kPublished);
}

TEST_F(PmxStoreTest, PMX13_SuccessAfterFailuresIsNotifiedAndCountsThem) {
  SeedExample();
  CreateDoc("doc-a", "US");  // to CRM A and B
  target_.down = true;
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  clock_.Advance(absl::Minutes(10));
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());  // the second failure: no new notification
  EXPECT_EQ(store_.ListNotifications(kTenant, "marketer", "", 100)->size(), 2u);
  target_.down = false;
  clock_.Advance(absl::Minutes(10));
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  auto notes = store_.ListNotifications(kTenant, "marketer", "", 100);
  ASSERT_TRUE(notes.ok());
  std::map<NotificationKind, int> kinds;
  for (const auto& n : *notes) {
    ++kinds[n.kind];
    if (n.kind == NotificationKind::kPublished) {
      EXPECT_NE(n.message.find("after 2 failed attempts"), std::string::npos) << n.message;
    }
  }
  EXPECT_EQ(kinds[NotificationKind::kFailed], 2);
  EXPECT_EQ(kinds[NotificationKind::kPublished], 2);
}

TEST_F(PmxStoreTest, PMX13_AGivenUpDeliveryNotifiesItsOwnerOnce) {
  SeedExample();
  CreateDoc("doc-a", "US");  // to CRM A and B
  outbox::RetryPolicy three = Dispatcher::DefaultRetry();
  three.max_attempts = 3;
  Dispatcher limited(store_.deliveries(), target_, store_, clock_, ids_, three);
  target_.down = true;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(limited.RunOnce(kTenant).ok());
    clock_.Advance(absl::Minutes(10));
  }
  EXPECT_EQ(target_.calls.load(), 6);  // three attempts per delivery, then no more
  EXPECT_EQ(*store_.PendingCount(kTenant), 0);
  EXPECT_EQ(store_.deliveries().CountsOf(kTenant)->failed, 2);
  auto notes = store_.ListNotifications(kTenant, "marketer", "", 100);
  ASSERT_TRUE(notes.ok());
  std::map<NotificationKind, int> kinds;
  for (const auto& n : *notes) {
    ++kinds[n.kind];
    if (n.kind == NotificationKind::kGivenUp) {
      EXPECT_NE(n.message.find("given up after 3 failed attempts"), std::string::npos) << n.message;
    }
  }
  EXPECT_EQ(kinds[NotificationKind::kFailed], 2);  // the first failure of each
  EXPECT_EQ(kinds[NotificationKind::kGivenUp], 2);
  EXPECT_EQ(notes->size(), 4u);
}

TEST_F(PmxStoreTest, PMX06_SandboxPromoMatsQueuesNothingForProductionCrm) {
  pm_ = Vault("PM sandbox", VaultKind::kPromoMats, VaultType::kSandbox);
  crm_a_ = Vault("CRM prod", VaultKind::kCrm, VaultType::kProduction);
  auto c = Connect(pm_, crm_a_);
  ASSERT_TRUE(
      store_.SetCountryFilter(kTenant, c.connection_id, Feature::kClm, {}, clock_.Now()).ok());
  CreateDoc("doc", "GLOBAL");
  EXPECT_EQ(*store_.PendingCount(kTenant), 0);
  EXPECT_TRUE(Links(crm_a_).empty());
}

TEST_F(PmxStoreTest, PMX12_MetricsUpsertByCrmRecordAndUnknownDocumentStoresNothing) {
  SeedExample();
  v1::Document us = CreateDoc("doc-a", "US");
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());  // US: CRM A and B hold it, not C
  v1::ContentMetric m;
  m.set_metric_id("m1");
  m.set_document_id(us.document_id());
  m.set_slide_id("s1");
  m.set_times_shown_in_calls(3);
  ASSERT_TRUE(store_.UpsertMetrics(kTenant, crm_a_, {FromProto(m)}, clock_.Now()).ok());
  m.set_times_shown_in_calls(5);
  ASSERT_TRUE(store_.UpsertMetrics(kTenant, crm_a_, {FromProto(m)}, clock_.Now()).ok());
  v1::ContentMetric bad = m;
  bad.set_metric_id("m2");
  bad.set_document_id(NewId());
  EXPECT_EQ(
      store_.UpsertMetrics(kTenant, crm_a_, {FromProto(m), FromProto(bad)}, clock_.Now()).code(),
      absl::StatusCode::kNotFound);
  auto metrics = store_.MetricsBySlide(kTenant, us.document_id());
  ASSERT_TRUE(metrics.ok()) << metrics.status();
  ASSERT_EQ(metrics->size(), 1u);
  EXPECT_EQ(metrics->front().rows, 1);
  EXPECT_EQ(metrics->front().times_shown_in_calls, 5);
}

// Attack review 6, finding 8 (PMX-12, SEC-11): a metric only for a document
// the CRM vault holds and a slide of its binder there (or none).
TEST_F(PmxStoreTest, PMX12_MetricsOnlyForADocumentInThatCrmAndASlideOfItsBinder) {
  SeedExample();
  v1::Document us = CreateDoc("doc-a", "US");
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  v1::ContentMetric m;
  m.set_metric_id("m1");
  m.set_document_id(us.document_id());
  m.set_slide_id("s1");
  m.set_times_shown_in_calls(3);
  v1::ContentMetric whole = m;  // no slide: the whole presentation
  whole.set_metric_id("m2");
  whole.clear_slide_id();
  ASSERT_TRUE(
      store_.UpsertMetrics(kTenant, crm_b_, {FromProto(m), FromProto(whole)}, clock_.Now()).ok());
  // CRM C never received the US binder: its document looks missing.
  absl::Status st = store_.UpsertMetrics(kTenant, crm_c_, {FromProto(m)}, clock_.Now());
  EXPECT_EQ(st.code(), absl::StatusCode::kNotFound) << st;
  EXPECT_NE(st.message().find("metrics[0].document_id"), std::string::npos) << st;
  // A slide the binder does not have, after a good metric: nothing is stored.
  v1::ContentMetric made_up = m;
  made_up.set_metric_id("m3");
  made_up.set_slide_id(std::string(64, 'x'));
  v1::ContentMetric more = m;
  more.set_metric_id("m4");
  st = store_.UpsertMetrics(kTenant, crm_a_, {FromProto(more), FromProto(made_up)}, clock_.Now());
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
  EXPECT_NE(st.message().find("metrics[1].slide_id"), std::string::npos) << st;
  auto metrics = store_.MetricsBySlide(kTenant, us.document_id());
  ASSERT_TRUE(metrics.ok()) << metrics.status();
  ASSERT_EQ(metrics->size(), 2u);  // "" and "s1"
  EXPECT_EQ((*metrics)[0].slide_id, "");
  EXPECT_EQ((*metrics)[1].slide_id, "s1");
  EXPECT_EQ((*metrics)[1].rows, 1);
}

// SEC-11: GetContentMetrics sums in SQL (GROUP BY slide_id); the answer is the
// rules' own summary of the same rows, saturating sums included.
TEST_F(PmxStoreTest, PMX12_TheStoresSumsPerSlideAreTheRulesSummary) {
  SeedExample();
  v1::Document us = CreateDoc("doc-a", "US");
  ASSERT_TRUE(dispatcher_.RunOnce(kTenant).ok());
  std::vector<ContentMetric> metrics;
  for (int i = 0; i < 7; ++i) {
    v1::ContentMetric m;
    m.set_metric_id("m" + std::to_string(i));
    m.set_document_id(us.document_id());
    m.set_slide_id(i % 3 == 0 ? "" : "s1");
    m.set_times_shown_in_calls(i == 6 ? std::numeric_limits<int64_t>::max() : i);
    m.set_slide_duration_seconds(1.5 * i);
    m.set_times_sent_as_link(2 * i);
    m.set_link_clicks(i);
    m.set_custom_presentation_uses(i % 2);
    m.set_previews(3);
    m.set_view_order(i % 4);
    m.set_reaction(static_cast<v1::Reaction>(i % 4));
    m.set_country(i % 2 == 0 ? "US" : (i == 3 ? "" : "CA"));
    metrics.push_back(FromProto(m));
  }
  ASSERT_TRUE(store_.UpsertMetrics(kTenant, crm_a_, metrics, clock_.Now()).ok());
  auto by_slide = store_.MetricsBySlide(kTenant, us.document_id());
  ASSERT_TRUE(by_slide.ok()) << by_slide.status();
  EXPECT_EQ(ToProto(SummarizeSlides(*by_slide)).DebugString(),
            ToProto(SummarizeDocument(metrics)).DebugString());
  EXPECT_EQ(SummarizeSlides(*by_slide).document.times_shown_in_calls,
            std::numeric_limits<int64_t>::max());
}

}  // namespace
}  // namespace engage::promomats
