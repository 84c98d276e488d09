// SEC-11, CON-12 (attack review 5, finding 5): behind the chart's Ingress the
// invite page sees every HCP come from the ingress pod, and its own calls
// reach the gateway from one in-process peer. With a trusted proxy hop the
// page keys its limits on the client address of X-Forwarded-For, and its
// calls carry that address, so one client flooding the page with bad tokens
// is refused while another client is still served. Without trusted hops a
// forged header changes nothing.
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tests/e2e/gateway/invite_page_fixture.h"

namespace engage::testing {
namespace {

class InvitePageProxyE2e : public InvitePageE2e {
 protected:
  // A request as the ingress relays it: X-Forwarded-For ends with the client.
  httplib::Result From(const std::string& forwarded_for, const std::string& path,
                       const std::string& bearer) {
    httplib::Client client("127.0.0.1", page_port_);
    client.set_read_timeout(10);
    httplib::Headers headers = {{"X-Forwarded-For", forwarded_for},
                                {"Authorization", "Bearer " + bearer}};
    for (int attempt = 0;; ++attempt) {
      httplib::Result r = client.Post(path.c_str(), headers, "{}", "application/json");
      if (r || attempt >= 50) return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }

  struct Flood {
    int unauthenticated = 0;   // 401: the gateway checked the token
    int bad_token_budget = 0;  // 429 from the gateway's failed-authentication budget
    int page_budget = 0;       // 429 from the page's own per-address bucket
  };
  Flood BadTokens(int n, const std::function<std::string(int)>& forwarded_for) {
    Flood f;
    for (int i = 0; i < n; ++i) {
      auto r =
          From(forwarded_for(i), "/invite/wrong-token/preview", absl::StrCat("garbage.", i, ".x"));
      EXPECT_TRUE(r);
      if (!r) continue;
      if (r->status == 401) {
        ++f.unauthenticated;
      } else if (r->status == 429 && absl::StrContains(r->body, "SEC-11")) {
        ++f.bad_token_budget;
      } else if (r->status == 429 && absl::StrContains(r->body, "CON-12")) {
        ++f.page_budget;
      } else {
        ADD_FAILURE() << r->status << " " << r->body;
      }
    }
    return f;
  }
};

// The chart with its Ingress: one trusted hop.
class InvitePageBehindIngressE2e : public InvitePageProxyE2e {
 protected:
  static void SetUpTestSuite() {
    StartMesh({{"ENGAGE_PAGE_TRUSTED_PROXY_HOPS", "1"},
               {"ENGAGE_PAGE_REQUESTS_PER_MINUTE_PER_ADDRESS", "1"},
               {"ENGAGE_PAGE_BURST_PER_ADDRESS", "12"},
               {"ENGAGE_AUTH_FAILURES_PER_PEER_BURST", "3"},
               {"ENGAGE_AUTH_FAILURES_PER_PEER_PER_SECOND", "1"}});
  }
};

TEST_F(InvitePageBehindIngressE2e, SEC11_OneClientsBadTokensDoNotBlockAnotherClient) {
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  const std::string path = "/invite/" + TokenOf(invite.link()) + "/preview";
  // The attacker: its own entries first, then the one the ingress appended.
  const Flood flood =
      BadTokens(20, [](int i) { return absl::StrCat("10.9.9.", i, ", 203.0.113.7"); });
  EXPECT_GE(flood.unauthenticated, 3);
  EXPECT_LE(flood.unauthenticated, 6);  // the budget refills 1/s while it floods
  EXPECT_GT(flood.bad_token_budget, 0);
  EXPECT_GT(flood.page_budget, 0);  // and the page's own bucket ran out for it
  // Still refused: its address is out of both budgets.
  auto refused = From("203.0.113.7", path, HcpToken("dr-a"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429) << refused->body;

  // Another HCP, another client address behind the same ingress: served.
  auto served = From("198.51.100.2", path, HcpToken("dr-a"));
  ASSERT_TRUE(served);
  ASSERT_EQ(served->status, 200) << served->body;
  EXPECT_EQ(Field(JsonOf(served->body), "state"), "PENDING");
}

// No proxy of ours in front: the TCP peer is the client, whatever the header.
class InvitePageNoProxyE2e : public InvitePageProxyE2e {
 protected:
  static void SetUpTestSuite() {
    StartMesh({{"ENGAGE_PAGE_REQUESTS_PER_MINUTE_PER_ADDRESS", "1"},
               {"ENGAGE_PAGE_BURST_PER_ADDRESS", "5"}});
  }
};

TEST_F(InvitePageNoProxyE2e, SEC11_AForgedForwardedForChangesNothing) {
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  const std::string path = "/invite/" + TokenOf(invite.link()) + "/preview";
  // A new made-up address on every request: one bucket all the same.
  const Flood flood = BadTokens(8, [](int i) { return absl::StrCat("203.0.113.", i); });
  EXPECT_EQ(flood.unauthenticated, 5);
  EXPECT_EQ(flood.page_budget, 3);
  auto refused = From("198.51.100.2", path, HcpToken("dr-a"));
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429) << refused->body;
  EXPECT_TRUE(absl::StrContains(refused->body, "CON-12")) << refused->body;
}

}  // namespace
}  // namespace engage::testing
