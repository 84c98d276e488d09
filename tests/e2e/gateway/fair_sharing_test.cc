// SEC-11 at the gateway: no caller and no tenant takes more than its share of
// the gateway's concurrency or rate; a call whose request message does not
// come is ended and frees its slot; a peer flooding bad tokens is refused
// before its signatures are checked. Each test asserts that another tenant's
// calls keep succeeding at their normal latency meanwhile. The slow client
// and the flood are tests/e2e/gateway/h2_raw_client.py (raw HTTP/2, Debian's
// python3-h2), on loopback, bounded in streams and time.
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status/errors.h"
#include "engage/common/v1/common.pb.h"
#include "engage/profile/v1/profile.grpc.pb.h"
#include "tests/support/generic_call.h"
#include "tests/support/mesh.h"
#include "tests/support/test_env.h"

namespace engage::testing {
namespace {

using engage::common::v1::ROLE_ADMIN;
using engage::common::v1::ROLE_FIELD_USER;
using engage::common::v1::ROLE_HCP;

constexpr char kBranding[] = "/engage.profile.v1.ProfileService/GetBranding";
constexpr char kWatchSyncJob[] = "/engage.profile.v1.CrmSyncService/WatchSyncJob";

// Debian's interpreter: python3-h2 is a Debian package (scripts/install-deps.sh).
constexpr char kPython[] = "/usr/bin/python3";

// Runs the raw HTTP/2 client and returns its output lines.
std::vector<std::string> RawClient(const std::string& mode, const std::string& target,
                                   const std::vector<std::string>& tokens,
                                   const std::string& args) {
  const std::string tokens_file =
      absl::StrCat(TestDir(), "/test-logs/", UniqueName("tokens"), ".txt");
  {
    std::ofstream out(tokens_file);
    for (const auto& t : tokens) out << t << "\n";
  }
  const std::string command =
      absl::StrCat(kPython, " ", ENGAGE_SOURCE_DIR, "/tests/e2e/gateway/h2_raw_client.py ", mode,
                   " --target ", target, " --tokens-file ", tokens_file, " ", args, " 2>&1");
  std::vector<std::string> lines;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return lines;
  char buffer[4096];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) {
    std::string line(buffer);
    if (!line.empty() && line.back() == '\n') line.pop_back();
    lines.push_back(line);
  }
  pclose(pipe);
  return lines;
}

// One line of the raw client: "<kind> <grpc-status> <ms> [message]".
struct Outcome {
  std::string kind;
  int status = -100;
  int millis = 0;
  std::string message;
};
std::vector<Outcome> Parse(const std::vector<std::string>& lines) {
  std::vector<Outcome> out;
  for (const auto& line : lines) {
    std::vector<std::string> parts = absl::StrSplit(line, absl::MaxSplits(' ', 3));
    Outcome o;
    o.kind = parts[0];
    if (parts.size() < 3 || !absl::SimpleAtoi(parts[1], &o.status) ||
        !absl::SimpleAtoi(parts[2], &o.millis)) {
      ADD_FAILURE() << "raw client said: " << line;
      continue;
    }
    if (parts.size() > 3) o.message = parts[3];
    out.push_back(o);
  }
  return out;
}

// The h2 module of Debian's Python, or a failure saying how to get it.
void RequireH2() {
  ASSERT_EQ(std::system(absl::StrCat(kPython, " -c 'import h2' 2>/dev/null").c_str()), 0)
      << "SEC-11 tests need Debian's python3-h2: run scripts/install-deps.sh";
}

struct Latency {
  int calls = 0;
  int failures = 0;
  std::string first_failure;
  absl::Duration median;
  absl::Duration max;
};

// `n` calls of GetBranding one after the other as `token`, `pause` apart.
Latency Measure(const std::shared_ptr<grpc::Channel>& channel, const std::string& token, int n,
                absl::Duration pause = absl::ZeroDuration()) {
  std::vector<absl::Duration> times;
  Latency latency;
  for (int i = 0; i < n; ++i) {
    const absl::Time start = absl::Now();
    grpc::Status st = CallRaw(channel, kBranding, token);
    times.push_back(absl::Now() - start);
    ++latency.calls;
    if (!st.ok()) {
      if (latency.failures++ == 0) {
        latency.first_failure = absl::StrCat(st.error_code(), " ", st.error_message());
      }
    }
    if (pause > absl::ZeroDuration()) absl::SleepFor(pause);
  }
  std::sort(times.begin(), times.end());
  latency.median = times[times.size() / 2];
  latency.max = times.back();
  return latency;
}

// Another tenant's calls are served as before: all succeed, the median is
// within a small factor of the quiet baseline (a 2-core machine shared with
// other work: a generous bound that a starved gateway still fails by far).
void ExpectNormal(const Latency& before, const Latency& during) {
  EXPECT_EQ(during.failures, 0) << during.first_failure;
  EXPECT_LE(during.median, before.median * 4 + absl::Milliseconds(25))
      << "before " << before.median << ", during " << during.median;
  EXPECT_LT(during.max, absl::Seconds(1));
}

// The refusal says when to retry, as the rate limiter's always did.
bool HasRetryDelay(const grpc::Status& status) {
  engage::common::v1::RpcStatus details;
  engage::common::v1::RetryInfo retry;
  return details.ParseFromString(status.error_details()) && details.details_size() == 1 &&
         details.details(0).type_url() == kRetryInfoTypeUrl &&
         retry.ParseFromString(details.details(0).value()) &&
         retry.retry_delay().nanos() + retry.retry_delay().seconds() > 0;
}

// A slot is freed when the gateway is done with a call, a moment after its
// client has the status: a call right after may still find it taken.
grpc::Status OnceSlotsAreFree(const std::shared_ptr<grpc::Channel>& channel,
                              const std::string& token) {
  grpc::Status st;
  for (int i = 0; i < 100; ++i) {
    st = CallRaw(channel, kBranding, token);
    if (st.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) break;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return st;
}

// A tenant with a company, whose admin's GetBranding answers OK.
std::string TenantWithCompany(Mesh& mesh, const std::string& tenant) {
  const std::string token = Token(ROLE_ADMIN, tenant, "admin");
  engage::profile::v1::UpsertCompanyRequest request;
  request.set_name("Victim");
  EXPECT_TRUE(CallRaw(mesh.Channel(), "/engage.profile.v1.ProfileService/UpsertCompany", token,
                      request.SerializeAsString())
                  .ok());
  return token;
}

// A call that sends its headers and nothing else, as a slow client does.
class HeadersOnlyCall {
 public:
  HeadersOnlyCall(const std::shared_ptr<grpc::Channel>& channel, const std::string& path,
                  const std::string& token)
      : stub_(channel), context_(Mesh::Context(token)) {
    call_ = stub_.PrepareCall(context_.get(), path, &cq_);
    call_->StartCall(&started_);
    void* tag;
    bool ok;
    cq_.Next(&tag, &ok);
    call_->Finish(&status_, &finished_);
  }
  ~HeadersOnlyCall() {
    context_->TryCancel();
    for (int i = 0; i < 10 && !ended_; ++i) Ended(absl::Seconds(1));
    cq_.Shutdown();
    void* tag;
    bool ok;
    while (cq_.Next(&tag, &ok)) {
    }
  }
  // True once the server ended the call (waiting up to `wait`).
  bool Ended(absl::Duration wait) {
    void* tag;
    bool ok;
    if (!ended_ && cq_.AsyncNext(&tag, &ok, absl::ToChronoTime(absl::Now() + wait)) ==
                       grpc::CompletionQueue::GOT_EVENT) {
      ended_ = tag == &finished_;
    }
    return ended_;
  }
  const grpc::Status& status() const { return status_; }

 private:
  grpc::GenericStub stub_;
  std::unique_ptr<grpc::ClientContext> context_;
  grpc::CompletionQueue cq_;
  std::unique_ptr<grpc::GenericClientAsyncReaderWriter> call_;
  grpc::Status status_;
  int started_ = 0, finished_ = 0;
  bool ended_ = false;
};

// The reproduction, scaled down: one tenant's HCPs open 300 streams
// with headers only. The tenant's share caps what it holds, the held streams
// end after the message timeout, and another tenant's calls keep succeeding
// at their normal latency throughout.
TEST(SEC11_FairSharing, SlowClientHoldsNoSlotsPastTheMessageTimeoutNorTakesOtherTenantsShare) {
  RequireH2();
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_MAX_CONCURRENT_CALLS", "100"},  // tenant 25, caller 5
                            {"ENGAGE_REQUEST_MESSAGE_TIMEOUT_MILLIS", "1500"},
                            {"ENGAGE_RATE_LIMIT_PER_SECOND", "100000"},
                            {"ENGAGE_RATE_LIMIT_BURST", "100000"}};
  Mesh mesh(options);
  const std::string victim = TenantWithCompany(mesh, UniqueName("victim"));
  const std::string slow_tenant = UniqueName("slow");
  std::vector<std::string> hcps;
  for (int i = 0; i < 50; ++i) hcps.push_back(Token(ROLE_HCP, slow_tenant, absl::StrCat("hcp", i)));
  const Latency before = Measure(mesh.Channel(), victim, 20);

  auto slow = std::async(std::launch::async, [&] {
    return RawClient("hold", mesh.Address("gateway"), hcps,
                     absl::StrCat("--path ", kBranding, " --streams 300 --seconds 8"));
  });
  absl::SleepFor(absl::Milliseconds(400));  // the streams are open
  const Latency during = Measure(mesh.Channel(), victim, 30, absl::Milliseconds(20));
  const std::vector<Outcome> streams = Parse(slow.get());

  ExpectNormal(before, during);
  ASSERT_EQ(streams.size(), 300u);
  int held = 0, refused = 0;
  for (const Outcome& s : streams) {
    if (s.status == 4) {  // DEADLINE_EXCEEDED: admitted, then ended for want of a message
      ++held;
      EXPECT_NE(s.message.find("SEC-11: no request message within 1500 ms"), std::string::npos)
          << s.message;
      EXPECT_GE(s.millis, 1400);
      EXPECT_LT(s.millis, 4000);
    } else {
      EXPECT_EQ(s.status, 8) << s.message;  // RESOURCE_EXHAUSTED at once
      EXPECT_NE(s.message.find("SEC-11"), std::string::npos) << s.message;
      EXPECT_LT(s.millis, 1400) << s.message;
      ++refused;
    }
  }
  EXPECT_EQ(held, 25);  // the tenant's share of 100
  EXPECT_EQ(refused, 275);
  // The slots are free again: the slow tenant itself is served.
  grpc::Status after = OnceSlotsAreFree(mesh.Channel(), hcps[0]);
  EXPECT_NE(after.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << after.error_message();
}

// Unary and streaming calls alike: without a request message a call ends
// after the timeout and frees its slot.
TEST(SEC11_FairSharing, CallsWithoutARequestMessageEndAndFreeTheirSlot) {
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_MAX_CONCURRENT_CALLS", "3"},
                            {"ENGAGE_MAX_CONCURRENT_CALLS_PER_TENANT", "3"},
                            {"ENGAGE_MAX_CONCURRENT_CALLS_PER_CALLER", "2"},
                            {"ENGAGE_REQUEST_MESSAGE_TIMEOUT_MILLIS", "800"}};
  Mesh mesh(options);
  const std::string tenant = UniqueName("t");
  TenantWithCompany(mesh, tenant);
  const std::string holder = Token(ROLE_ADMIN, tenant, "holder");
  const absl::Time start = absl::Now();
  HeadersOnlyCall unary(mesh.Channel(), kBranding, holder);
  HeadersOnlyCall streaming(mesh.Channel(), kWatchSyncJob, holder);
  // Both of the holder's slots are taken.
  EXPECT_FALSE(unary.Ended(absl::Milliseconds(300))) << unary.status().error_message();
  EXPECT_FALSE(streaming.Ended(absl::ZeroDuration())) << streaming.status().error_message();
  grpc::Status full = CallRaw(mesh.Channel(), kBranding, holder);
  EXPECT_EQ(full.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << full.error_message();
  ASSERT_TRUE(unary.Ended(absl::Seconds(3)));
  ASSERT_TRUE(streaming.Ended(absl::Seconds(3)));
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  for (const HeadersOnlyCall* call : {&unary, &streaming}) {
    EXPECT_EQ(call->status().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
    EXPECT_NE(call->status().error_message().find("SEC-11: no request message within 800 ms"),
              std::string::npos)
        << call->status().error_message();
  }
  EXPECT_TRUE(OnceSlotsAreFree(mesh.Channel(), holder).ok());
}

// A share counts work in flight, not calls gRPC has yet to clean up: a
// caller with a share of one, calling one call after another, is never
// refused (the slot goes before the status is sent).
TEST(SEC11_FairSharing, ACallersNextCallFindsItsSlotFree) {
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_MAX_CONCURRENT_CALLS_PER_CALLER", "1"},
                            {"ENGAGE_RATE_LIMIT_PER_SECOND", "100000"},
                            {"ENGAGE_RATE_LIMIT_BURST", "100000"}};
  Mesh mesh(options);
  const std::string admin = TenantWithCompany(mesh, UniqueName("t"));
  int refused = 0;
  std::string message;
  for (int i = 0; i < 200; ++i) {
    grpc::Status st = CallRaw(mesh.Channel(), kBranding, admin);
    if (!st.ok()) ++refused, message = st.error_message();
  }
  EXPECT_EQ(refused, 0) << message;
}

// One tenant at its concurrency share, and one caller at its own, do not
// block another tenant (or another caller); the refusals name the share.
TEST(SEC11_FairSharing, TenantAtItsConcurrencyShareDoesNotBlockAnother) {
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_MAX_CONCURRENT_CALLS", "8"},
                            {"ENGAGE_MAX_CONCURRENT_CALLS_PER_TENANT", "4"},
                            {"ENGAGE_MAX_CONCURRENT_CALLS_PER_CALLER", "2"},
                            {"ENGAGE_REQUEST_MESSAGE_TIMEOUT_MILLIS", "20000"}};
  Mesh mesh(options);
  const std::string tenant_b = UniqueName("b");
  const std::string other = TenantWithCompany(mesh, tenant_b);
  const std::string tenant_a = UniqueName("a");
  TenantWithCompany(mesh, tenant_a);
  const Latency before = Measure(mesh.Channel(), other, 20);
  std::vector<std::unique_ptr<HeadersOnlyCall>> held;
  for (int i = 0; i < 2; ++i) {
    held.push_back(std::make_unique<HeadersOnlyCall>(mesh.Channel(), kBranding,
                                                     Token(ROLE_FIELD_USER, tenant_a, "a1")));
  }
  grpc::Status caller_full =
      CallRaw(mesh.Channel(), kBranding, Token(ROLE_FIELD_USER, tenant_a, "a1"));
  EXPECT_EQ(caller_full.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(caller_full.error_message().find("caller is at its share of 2"), std::string::npos)
      << caller_full.error_message();
  // Another caller of the same tenant still has room.
  for (int i = 0; i < 2; ++i) {
    held.push_back(std::make_unique<HeadersOnlyCall>(mesh.Channel(), kBranding,
                                                     Token(ROLE_FIELD_USER, tenant_a, "a2")));
  }
  for (auto& call : held) {
    EXPECT_FALSE(call->Ended(absl::Milliseconds(50))) << call->status().error_message();
  }
  grpc::Status tenant_full =
      CallRaw(mesh.Channel(), kBranding, Token(ROLE_FIELD_USER, tenant_a, "a3"));
  EXPECT_EQ(tenant_full.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(
      tenant_full.error_message().find(absl::StrCat("tenant ", tenant_a, " is at its share of 4")),
      std::string::npos)
      << tenant_full.error_message();
  EXPECT_TRUE(HasRetryDelay(tenant_full));

  ExpectNormal(before, Measure(mesh.Channel(), other, 20));
  held.clear();  // cancelled by their clients: the slots come back
  EXPECT_TRUE(OnceSlotsAreFree(mesh.Channel(), Token(ROLE_FIELD_USER, tenant_a, "a3")).ok());
}

// A tenant's callers share one rate budget: past it they are refused
// (naming the tenant's budget, with RetryInfo), another tenant is not.
TEST(SEC11_FairSharing, TenantOverItsRateBudgetIsRefusedOthersAreNot) {
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_TENANT_RATE_LIMIT_PER_SECOND", "1"},
                            {"ENGAGE_TENANT_RATE_LIMIT_BURST", "5"}};
  Mesh mesh(options);
  const std::string tenant = UniqueName("t");
  const std::string other = UniqueName("o");
  const std::string path = "/engage.promomats.v1.PromoMatsService/ListVaults";
  for (int i = 0; i < 5; ++i) {
    grpc::Status st =
        CallRaw(mesh.Channel(), path, Token(ROLE_ADMIN, tenant, absl::StrCat("u", i)));
    EXPECT_TRUE(st.ok()) << st.error_message();
  }
  grpc::Status refused = CallRaw(mesh.Channel(), path, Token(ROLE_ADMIN, tenant, "fresh"));
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_NE(refused.error_message().find(
                absl::StrCat("SEC-11: tenant ", tenant, " is over its rate budget")),
            std::string::npos)
      << refused.error_message();
  EXPECT_TRUE(HasRetryDelay(refused));
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(CallRaw(mesh.Channel(), path, Token(ROLE_ADMIN, other, absl::StrCat("u", i))).ok());
  }
}

// A peer flooding bad tokens spends its budget of failures and is then
// refused before its tokens are verified (even a good one); callers from
// other addresses are served at their normal latency meanwhile, and their
// own bad token still gets UNAUTHENTICATED.
TEST(SEC11_FairSharing, BadTokenFloodFromOnePeerIsThrottledAndDoesNotSlowOthers) {
  RequireH2();
  Mesh::Options options;
  options.env["gateway"] = {{"ENGAGE_AUTH_FAILURES_PER_PEER_BURST", "20"},
                            {"ENGAGE_AUTH_FAILURES_PER_PEER_PER_SECOND", "1"},
                            {"ENGAGE_RATE_LIMIT_PER_SECOND", "100000"},
                            {"ENGAGE_RATE_LIMIT_BURST", "100000"}};
  Mesh mesh(options);
  const std::string tenant = UniqueName("victim");
  const std::string victim = TenantWithCompany(mesh, tenant);
  auto forged = auth::MintHs256("a-different-secret-0123456789abcdef012345",
                                {"mallory", ROLE_ADMIN, tenant}, absl::Now(), absl::Hours(1));
  ASSERT_TRUE(forged.ok());
  const Latency before = Measure(mesh.Channel(), victim, 20);
  const absl::Time start = absl::Now();
  auto flood = std::async(std::launch::async, [&] {
    return RawClient("calls", mesh.Address("gateway"), {*forged, "not-a-jwt"},
                     absl::StrCat("--source 127.0.0.2 --path ", kBranding, " --count 400"));
  });
  const Latency during = Measure(mesh.Channel(), victim, 30, absl::Milliseconds(10));
  const std::vector<Outcome> calls = Parse(flood.get());
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);

  ExpectNormal(before, during);
  ASSERT_EQ(calls.size(), 400u);
  int unauthenticated = 0, throttled = 0;
  for (const Outcome& c : calls) {
    if (c.status == 16) ++unauthenticated;
    if (c.status == 8) ++throttled;
  }
  EXPECT_GE(unauthenticated, 20);
  EXPECT_LE(unauthenticated, 20 + static_cast<int>(seconds) + 2);
  EXPECT_EQ(unauthenticated + throttled, 400);
  // Refused before verification: a good token from that address is too. The
  // good call follows bad ones on the same connection, so the budget that came
  // back (1 a second) while this test started a client is spent again first.
  std::vector<std::string> tokens(30, *forged);
  tokens.push_back(victim);
  const std::vector<Outcome> good =
      Parse(RawClient("calls", mesh.Address("gateway"), tokens,
                      absl::StrCat("--source 127.0.0.2 --path ", kBranding, " --count 31")));
  ASSERT_EQ(good.size(), 31u);
  EXPECT_EQ(good.back().status, 8);
  // Another address is judged on its own tokens.
  EXPECT_EQ(CallRaw(mesh.Channel(), kBranding, *forged).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(CallRaw(mesh.Channel(), kBranding, victim).ok());
}

}  // namespace
}  // namespace engage::testing
