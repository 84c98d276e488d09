// CAT-08 against the real MariaDB and a real HTTP receiver: CAT-06's outbox
// rows, written by saving answers, delivered through common/outbox's
// Dispatcher and HttpEngagementSystem to each company's endpoint, in order
// per profile, retried while the receiver is down or slow, failed for good
// on a 400, never twice, never to another company's endpoint.
#include "profile_svc/profile_data_delivery.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/outbox/dispatcher.h"
#include "common/outbox/mysql_outbox_store.h"
#include "profile_svc/http_engagement_system.h"
#include "profile_svc/mysql_company_store.h"
#include "profile_svc/mysql_engagement_endpoint_store.h"
#include "profile_svc/rules/category_rules.h"
#include "tests/integration/profile_svc/profile_fixture.h"
#include "tests/support/http_receiver.h"

namespace engage::profile {
namespace {

using testing::HttpReceiver;

class ProfileDataDeliveryTest : public ProfileDbTest {
 protected:
  ProfileDataDeliveryTest()
      : company_(db_.pool()),
        endpoints_(db_.pool()),
        events_(db_.pool(), ProfileDataOutbox()),
        http_({absl::Milliseconds(500), "", /*allow_loopback=*/true}) {}

  void SetUp() override {
    ProfileDbTest::SetUp();
    EnableProfileData(tenant_);
  }

  // Categories COLOR (RED, BLUE, GREEN) and engagement sync on (CAT-06).
  void EnableProfileData(const std::string& tenant) {
    ASSERT_TRUE(company_.CreateCategory(tenant, {"COLOR", "Colour", false, {}}, clock_.Now()).ok());
    for (const char* code : {"RED", "BLUE", "GREEN"}) {
      ASSERT_TRUE(company_.CreateResponse(tenant, "COLOR", {code, code, false}, clock_.Now()).ok());
    }
    CategorySettings on;
    on.sync_mode = CategorySettings::SyncMode::kInteract;
    on.send_profile_data = true;
    ASSERT_TRUE(company_.UpdateCategorySettings(tenant, on, clock_.Now()).ok());
  }

  std::string HcpIn(const std::string& tenant, const std::string& subject) {
    auto r = profiles_.SignUpHcp(tenant, {subject, subject + "@hcp.example", "Greg", "House"},
                                 ids_.Next(), clock_.Now());
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? r->profile_id : "";
  }

  // Saves COLOR = `colour` for `hcp`: one event.
  void Answer(const std::string& hcp, const std::string& colour,
              const std::string& tenant = "acme") {
    auto events = company_.SaveAnswers(
        tenant, hcp, [](const std::string&) { return absl::OkStatus(); },
        [&](const CompanyStore::AnswersView& v) {
          return ApplyAnswers(v.categories, v.answers, {{"COLOR", colour}});
        },
        [&] { return ids_.Next(); }, clock_.Now());
    ASSERT_TRUE(events.ok()) << events.status();
    ASSERT_EQ(*events, 1);
  }

  void Point(const std::string& tenant, const HttpReceiver& receiver) {
    ASSERT_TRUE(endpoints_.Set(tenant, receiver.Url(), clock_.Now()).ok());
  }

  std::unique_ptr<outbox::Dispatcher> NewDispatcher(outbox::Store& store) {
    return NewDispatcher(store, http_);
  }
  std::unique_ptr<outbox::Dispatcher> NewDispatcher(outbox::Store& store,
                                                    EngagementSystem& system) {
    outbox::Dispatcher::Options o;
    o.random = [] { return 0.5; };  // no jitter: 1 s, 2 s, 4 s ...
    return std::make_unique<outbox::Dispatcher>(store, DeliverProfileData(endpoints_, system),
                                                clock_, o);
  }

  std::vector<outbox::Status> Events(const std::string& tenant = "acme") {
    auto listed = events_.List(tenant, {}, "", 1000);
    EXPECT_TRUE(listed.ok()) << listed.status();
    return listed.ok() ? *listed : std::vector<outbox::Status>{};
  }

  outbox::Dispatcher::Result Run(outbox::Dispatcher& d) {
    auto r = d.RunAll();
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : outbox::Dispatcher::Result{};
  }

  MysqlCompanyStore company_;
  MysqlEngagementEndpointStore endpoints_;
  outbox::MysqlOutboxStore events_;
  HttpEngagementSystem http_;
};

// The colours each profile's endpoint received, in arrival order.
std::map<std::string, std::vector<std::string>> ColoursByProfile(
    const std::vector<HttpReceiver::Request>& requests) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& r : requests) out[r.json.at("profile_id")].push_back(r.json.at("response_code"));
  return out;
}

TEST_F(ProfileDataDeliveryTest, CAT08_DeliveredInOrderPerProfileThenMarkedSent) {
  HttpReceiver receiver;
  Point(tenant_, receiver);
  const std::string a = NewHcp("a"), b = NewHcp("b");
  Answer(a, "RED");
  Answer(b, "BLUE");
  Answer(a, "BLUE");
  Answer(b, "GREEN");
  Answer(a, "GREEN");  // SEC-11: a's BLUE, still waiting, is superseded
  auto d = NewDispatcher(events_);
  EXPECT_EQ(Run(*d).delivered, 4);

  const auto got = receiver.Accepted();
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(ColoursByProfile(got)[a], (std::vector<std::string>{"RED", "GREEN"}));
  EXPECT_EQ(ColoursByProfile(got)[b], (std::vector<std::string>{"BLUE", "GREEN"}));
  std::map<std::string, long> last_sequence;
  for (const auto& r : got) {
    EXPECT_EQ(r.path, "/profile-data");
    EXPECT_EQ(r.content_type, "application/json");
    EXPECT_EQ(r.idempotency_key, r.json.at("event_id"));
    EXPECT_EQ(r.json.at("category_code"), "COLOR");
    // Only the event's fields: nothing of the HCP beyond the profile id.
    std::set<std::string> keys;
    for (const auto& [k, v] : r.json) keys.insert(k);
    EXPECT_EQ(keys, (std::set<std::string>{"event_id", "profile_id", "category_code",
                                           "response_code", "sequence", "occurred_at"}));
    const long sequence = std::stol(r.json.at("sequence"));
    EXPECT_GT(sequence, last_sequence[r.json.at("profile_id")]);
    last_sequence[r.json.at("profile_id")] = sequence;
  }
  for (const auto& e : Events()) {
    EXPECT_EQ(e.state, outbox::State::kSent) << e.id;
    EXPECT_EQ(e.attempts, 0);
  }
  auto counts = events_.CountsOf(tenant_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->pending, 0);
  // Sent is sent: another run sends nothing again.
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(Run(*d).delivered, 0);
  EXPECT_EQ(receiver.Requests().size(), 4u);
}

TEST_F(ProfileDataDeliveryTest, CAT08_RetriedWhileTheReceiverIsDownThenDeliveredOnceInOrder) {
  HttpReceiver receiver;
  Point(tenant_, receiver);
  const std::string a = NewHcp("a");
  Answer(a, "RED");
  Answer(a, "BLUE");
  auto d = NewDispatcher(events_);

  receiver.Stop();  // connection refused
  auto r = Run(*d);
  EXPECT_EQ(r.delivered, 0);
  EXPECT_EQ(r.failed, 1);
  auto events = Events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].state, outbox::State::kPending);
  EXPECT_EQ(events[0].attempts, 1);
  EXPECT_NE(events[0].last_error.find("no answer"), std::string::npos) << events[0].last_error;
  EXPECT_EQ(events[0].next_attempt_time, clock_.Now() + absl::Seconds(1));
  EXPECT_EQ(events[1].attempts, 0);  // waits behind the first: never overtakes it

  // Back, but failing (503): still retried, with a longer wait.
  receiver.AnswerWith(503);
  ASSERT_TRUE(receiver.Start());
  clock_.Advance(absl::Milliseconds(500));
  EXPECT_EQ(Run(*d).failed, 0);  // not due yet: the backoff holds
  EXPECT_TRUE(receiver.Requests().empty());
  clock_.Advance(absl::Milliseconds(600));
  EXPECT_EQ(Run(*d).failed, 1);
  events = Events();
  EXPECT_EQ(events[0].attempts, 2);
  EXPECT_EQ(events[0].last_error, "HTTP 503: refused: mode 503");
  EXPECT_EQ(events[0].next_attempt_time, clock_.Now() + absl::Seconds(2));

  receiver.AnswerWith(200);
  clock_.Advance(absl::Seconds(2));
  EXPECT_EQ(Run(*d).delivered, 2);
  const auto got = receiver.Accepted();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].json.at("response_code"), "RED");
  EXPECT_EQ(got[1].json.at("response_code"), "BLUE");
  EXPECT_EQ(got[0].idempotency_key, events[0].id);
  for (const auto& e : Events()) EXPECT_EQ(e.state, outbox::State::kSent) << e.id;
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(Run(*d).delivered, 0);
  EXPECT_EQ(receiver.Accepted().size(), 2u);
}

TEST_F(ProfileDataDeliveryTest, CAT08_ATimeoutIsRetriedWithTheSameIdempotencyKey) {
  HttpReceiver receiver;
  Point(tenant_, receiver);
  const std::string a = NewHcp("a");
  Answer(a, "RED");
  auto d = NewDispatcher(events_);
  receiver.AnswerWith(HttpReceiver::kHang);
  const absl::Time started = absl::Now();
  EXPECT_EQ(Run(*d).failed, 1);
  EXPECT_LT(absl::Now() - started, absl::Seconds(5));  // the 500 ms timeout held
  auto events = Events();
  EXPECT_EQ(events[0].state, outbox::State::kPending);
  EXPECT_NE(events[0].last_error.find("timed out"), std::string::npos) << events[0].last_error;

  receiver.AnswerWith(200);
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Run(*d).delivered, 1);
  const auto requests = receiver.Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].idempotency_key, requests[1].idempotency_key);
  EXPECT_EQ(receiver.Accepted().size(), 1u);
}

TEST_F(ProfileDataDeliveryTest, CAT08_A400FailsTheEventWithTheReasonUntilAnAdminRetriesIt) {
  HttpReceiver receiver;
  Point(tenant_, receiver);
  const std::string a = NewHcp("a");
  Answer(a, "RED");
  auto d = NewDispatcher(events_);
  receiver.AnswerWith(400);
  auto r = Run(*d);
  EXPECT_EQ(r.failed, 1);
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].state, outbox::State::kFailed);
  EXPECT_EQ(events[0].attempts, 1);
  EXPECT_EQ(events[0].last_error, "HTTP 400: refused: mode 400");
  auto counts = events_.CountsOf(tenant_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->failed, 1);
  EXPECT_EQ(counts->pending, 0);

  // A refused event is not retried by itself; its profile's next event goes.
  receiver.AnswerWith(200);
  Answer(a, "BLUE");
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(Run(*d).delivered, 1);
  ASSERT_EQ(receiver.Requests().size(), 2u);
  EXPECT_EQ(receiver.Accepted().at(0).json.at("response_code"), "BLUE");

  // Until an admin retries it.
  ASSERT_TRUE(events_.Retry(tenant_, events[0].id, clock_.Now()).ok());
  EXPECT_EQ(Run(*d).delivered, 1);
  EXPECT_EQ(receiver.Accepted().at(1).idempotency_key, events[0].id);
  EXPECT_EQ(events_.Retry(tenant_, events[0].id, clock_.Now()).code(),
            absl::StatusCode::kNotFound);  // sent now: nothing to retry
}

// Setting the endpoint makes the pending events due now, but only when the
// URL changes: an admin saving the same URL again (or a script doing it in a
// loop) must not defeat their backoff.
TEST_F(ProfileDataDeliveryTest, CAT08_OnlyAChangedEndpointPullsPendingEventsForward) {
  Answer(NewHcp("a"), "RED", tenant_);
  const absl::Time now = clock_.Now();
  auto back_off = [&] {
    ASSERT_TRUE(db_.pool()
                    .Execute("UPDATE profile_data_outbox SET next_attempt_time = ? WHERE "
                             "tenant_id = ? AND state = 0",
                             {now + absl::Hours(1), tenant_})
                    .ok());
  };
  auto waiting = [&] {
    auto rows = db_.pool().Query(
        "SELECT COUNT(*) FROM profile_data_outbox WHERE tenant_id = ? AND state = 0 AND "
        "next_attempt_time > ?",
        {tenant_, now});
    return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
  };
  back_off();
  ASSERT_EQ(waiting(), 1);
  auto set = endpoints_.Set(tenant_, "http://127.0.0.1:9/a", now);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_TRUE(*set);
  EXPECT_EQ(waiting(), 0);  // a new endpoint: due now

  back_off();
  set = endpoints_.Set(tenant_, "http://127.0.0.1:9/a", now);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_FALSE(*set);
  EXPECT_EQ(waiting(), 1);  // the same URL: the backoff stands

  set = endpoints_.Set(tenant_, "http://127.0.0.1:9/b", now);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_TRUE(*set);
  EXPECT_EQ(waiting(), 0);

  set = endpoints_.Set(tenant_, "", now);  // removed: a change
  ASSERT_TRUE(set.ok() && *set);
  back_off();
  set = endpoints_.Set(tenant_, "", now);  // removed again: none
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_FALSE(*set);
  EXPECT_EQ(waiting(), 1);
  EXPECT_EQ(*endpoints_.Get(tenant_), "");
}

// SSRF: the URL check sees only IP literals; a host NAME leading into the
// mesh's network (here "localhost", stored as if DNS changed after the URL
// was accepted) is refused when libcurl opens the socket, after resolution.
TEST_F(ProfileDataDeliveryTest, CAT08_ANameResolvingToLoopbackIsRefusedAfterResolution) {
  HttpReceiver receiver;
  const std::string url = absl::StrCat("http://localhost:", receiver.port(), "/profile-data");
  ASSERT_TRUE(endpoints_.Set(tenant_, url, clock_.Now()).ok());
  const std::string a = NewHcp("a");
  Answer(a, "RED");
  HttpEngagementSystem strict({absl::Milliseconds(500), "", /*allow_loopback=*/false});
  auto d = NewDispatcher(events_, strict);
  EXPECT_EQ(Run(*d).failed, 1);
  EXPECT_TRUE(receiver.Requests().empty());  // never connected to
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].state, outbox::State::kFailed);  // a configuration error: not retried
  EXPECT_EQ(events[0].last_error.rfind("CAT-08: ", 0), 0u) << events[0].last_error;
  EXPECT_NE(events[0].last_error.find("internal address"), std::string::npos);
  EXPECT_EQ(events[0].last_error.find("127.0.0.1"),
            std::string::npos);  // the network stays unnamed

  // With the loopback flag (tests, a receiver on the pod) the same name is delivered.
  ASSERT_TRUE(events_.Retry(tenant_, events[0].id, clock_.Now()).ok());
  auto lenient = NewDispatcher(events_, http_);
  EXPECT_EQ(Run(*lenient).delivered, 1);
  ASSERT_EQ(receiver.Accepted().size(), 1u);
  EXPECT_EQ(receiver.Accepted()[0].idempotency_key, events[0].id);
}

// An http(s)_proxy in the environment does not carry the event elsewhere (a
// proxy would hide the receiver's address from the check): it goes direct.
TEST_F(ProfileDataDeliveryTest, CAT08_ProxyVariablesOfTheEnvironmentAreIgnored) {
  HttpReceiver receiver;
  Point(tenant_, receiver);
  const std::string a = NewHcp("a");
  Answer(a, "RED");
  ::unsetenv("no_proxy");
  ::unsetenv("NO_PROXY");
  ::setenv("http_proxy", "http://127.0.0.1:1", 1);
  ::setenv("HTTPS_PROXY", "http://127.0.0.1:1", 1);
  auto d = NewDispatcher(events_);
  const auto r = Run(*d);
  ::unsetenv("http_proxy");
  ::unsetenv("HTTPS_PROXY");
  EXPECT_EQ(r.delivered, 1);
  EXPECT_EQ(receiver.Accepted().size(), 1u);
}

TEST_F(ProfileDataDeliveryTest, CAT08_TwoDispatchersOnOneDatabaseDeliverEachEventOnce) {
  HttpReceiver receiver;
  Point(tenant_, receiver);
  std::vector<std::string> hcps;
  for (int i = 0; i < 4; ++i) hcps.push_back(NewHcp("h" + std::to_string(i)));
  for (int round = 0; round < 5; ++round) {
    for (const auto& h : hcps) Answer(h, round % 2 == 0 ? "RED" : "BLUE");
  }
  // A second replica: its own connections, its own store over the same table.
  auto replica_pool = mysql::Pool::Open(db_.config());
  ASSERT_TRUE(replica_pool.ok()) << replica_pool.status();
  outbox::MysqlOutboxStore replica_events(**replica_pool, ProfileDataOutbox());
  auto a = NewDispatcher(events_);
  auto b = NewDispatcher(replica_events);
  std::thread ta([&] { Run(*a); });
  std::thread tb([&] { Run(*b); });
  ta.join();
  tb.join();
  Run(*a);  // whatever one skipped while the other held its profile
  Run(*b);

  const auto requests = receiver.Requests();
  // Each profile's first event and its last (SEC-11: the three between were
  // superseded before any was sent), none sent twice.
  EXPECT_EQ(requests.size(), 8u);
  std::set<std::string> keys;
  std::map<std::string, long> last_sequence;
  for (const auto& r : requests) {
    EXPECT_TRUE(keys.insert(r.idempotency_key).second) << "twice: " << r.idempotency_key;
    const long sequence = std::stol(r.json.at("sequence"));
    EXPECT_GT(sequence, last_sequence[r.json.at("profile_id")]) << "out of order";
    last_sequence[r.json.at("profile_id")] = sequence;
  }
  for (const auto& e : Events()) EXPECT_EQ(e.state, outbox::State::kSent) << e.id;
}

TEST_F(ProfileDataDeliveryTest, CAT08_EventsGoOnlyToTheirOwnCompanysEndpoint) {
  ASSERT_TRUE(profiles_.UpsertCompany("other", "Other Pharma", clock_.Now()).ok());
  ASSERT_TRUE(profiles_.UpsertCompany("third", "Third Pharma", clock_.Now()).ok());
  EnableProfileData("other");
  EnableProfileData("third");
  HttpReceiver acme_receiver, other_receiver, third_receiver;
  Point(tenant_, acme_receiver);
  Point("other", other_receiver);
  const std::string a = NewHcp("a");
  const std::string o = HcpIn("other", "o");
  const std::string t = HcpIn("third", "t");
  Answer(a, "RED");
  Answer(o, "BLUE", "other");
  Answer(t, "GREEN", "third");
  auto d = NewDispatcher(events_);
  EXPECT_EQ(Run(*d).delivered, 2);

  auto acme_got = acme_receiver.Requests();
  ASSERT_EQ(acme_got.size(), 1u);
  EXPECT_EQ(acme_got[0].json.at("profile_id"), a);
  auto other_got = other_receiver.Requests();
  ASSERT_EQ(other_got.size(), 1u);
  EXPECT_EQ(other_got[0].json.at("profile_id"), o);
  // A company without an endpoint: its event stays pending and says why.
  auto third = Events("third");
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].state, outbox::State::kPending);
  EXPECT_EQ(third[0].last_error, kNoEngagementEndpoint);
  EXPECT_TRUE(third_receiver.Requests().empty());

  // Its admin sets one: due at once, no waiting out the backoff.
  Point("third", third_receiver);
  EXPECT_EQ(Run(*d).delivered, 1);
  auto third_got = third_receiver.Accepted();
  ASSERT_EQ(third_got.size(), 1u);
  EXPECT_EQ(third_got[0].json.at("profile_id"), t);
  EXPECT_EQ(acme_receiver.Requests().size(), 1u);
  EXPECT_EQ(other_receiver.Requests().size(), 1u);
}

// SEC-11: one HCP flipping an answer leaves at most two undelivered events
// of the category (the first of the profile, which may be on its way, and
// the latest), and the receiver gets the first and the latest value.
TEST_F(ProfileDataDeliveryTest, SEC11_UndeliveredEventsOfACategoryAreCoalesced) {
  const std::string a = NewHcp("a"), b = NewHcp("b");
  for (int i = 0; i < 20; ++i) Answer(a, i % 2 == 0 ? "RED" : "BLUE");
  Answer(a, "GREEN");
  Answer(b, "RED");
  std::vector<std::string> waiting;
  for (const auto& e : Events()) {
    if (e.key == a) waiting.push_back(e.payload.at(1));
  }
  EXPECT_EQ(waiting, (std::vector<std::string>{"RED", "GREEN"}));
  EXPECT_EQ(events_.CountsOf(tenant_)->pending, 3);  // b's own is untouched

  HttpReceiver receiver;
  Point(tenant_, receiver);
  auto d = NewDispatcher(events_);
  EXPECT_EQ(Run(*d).delivered, 3);
  EXPECT_EQ(ColoursByProfile(receiver.Accepted())[a], (std::vector<std::string>{"RED", "GREEN"}));
}

// The receiver, answering while the HCP answers again: the event on its way
// is the profile's first, which coalescing never drops, so its outcome is
// recorded and the later answer follows it.
class AnsweringReceiver final : public EngagementSystem {
 public:
  AnsweringReceiver(EngagementSystem& real, std::function<void()> during)
      : real_(real), during_(std::move(during)) {}
  EngagementAnswer Deliver(const std::string& url, const ProfileDataPayload& event) override {
    if (during_) std::exchange(during_, nullptr)();
    return real_.Deliver(url, event);
  }

 private:
  EngagementSystem& real_;
  std::function<void()> during_;
};

TEST_F(ProfileDataDeliveryTest, SEC11_AnEventOnItsWayIsNeverDroppedByCoalescing) {
  HttpReceiver receiver;
  Point(tenant_, receiver);
  const std::string a = NewHcp("a");
  Answer(a, "RED");
  AnsweringReceiver answering(http_, [&] {
    Answer(a, "BLUE");
    Answer(a, "RED");
  });
  auto d = NewDispatcher(events_, answering);
  int delivered = Run(*d).delivered;
  clock_.Advance(absl::Seconds(1));
  delivered += Run(*d).delivered;
  EXPECT_EQ(delivered, 2);
  EXPECT_EQ(ColoursByProfile(receiver.Accepted())[a], (std::vector<std::string>{"RED", "RED"}));
  for (const auto& e : Events()) EXPECT_EQ(e.state, outbox::State::kSent) << e.id;
  EXPECT_EQ(Events().size(), 2u);
}

// SEC-11: sent events are purged once older than the retention; pending and
// failed ones never are.
TEST_F(ProfileDataDeliveryTest, SEC11_SentEventsArePurgedAfterTheRetention) {
  HttpReceiver receiver;
  Point(tenant_, receiver);
  const std::string a = NewHcp("a"), b = NewHcp("b");
  Answer(a, "RED");
  outbox::Dispatcher::Options o;
  o.random = [] { return 0.5; };
  o.keep_sent = absl::Hours(24);
  outbox::Dispatcher d(events_, DeliverProfileData(endpoints_, http_), clock_, o);
  EXPECT_EQ(Run(d).delivered, 1);
  clock_.Advance(absl::Hours(23));
  receiver.AnswerWith(400);
  Answer(b, "RED");  // failed for good
  EXPECT_EQ(Run(d).delivered, 0);
  receiver.Stop();
  Answer(a, "BLUE");  // pending: the receiver is gone
  Run(d);
  EXPECT_EQ(Events().size(), 3u);  // the sent one is 23 hours old: kept
  clock_.Advance(absl::Hours(2));
  Run(d);
  std::vector<std::string> left;
  for (const auto& e : Events()) left.push_back(e.key + ":" + e.payload.at(1));
  std::sort(left.begin(), left.end());
  std::vector<std::string> want = {a + ":BLUE", b + ":RED"};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(left, want);
}

}  // namespace
}  // namespace engage::profile
