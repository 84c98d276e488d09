// CON-12 end to end: the invite landing page the gateway serves, over real
// HTTP, calling the real mesh. Bad tokens get the answer a wrong token gets
// and change nothing; every answer carries the security headers.
#include <cstdlib>

#include "tests/e2e/gateway/invite_page_fixture.h"

namespace engage::testing {
namespace {

TEST_F(InvitePageE2e, CON12_PageIsTheSameForEveryTokenWithSecurityHeaders) {
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  // The link points at the page.
  ASSERT_EQ(invite.link().rfind(absl::StrCat("http://127.0.0.1:", page_port_, "/invite/"), 0), 0u)
      << invite.link();
  auto right = Send("GET", "/invite/" + TokenOf(invite.link()));
  ASSERT_TRUE(right) << httplib::to_string(right.error());
  EXPECT_EQ(right->status, 200);
  for (const std::string& other : {std::string("wrong-token"), std::string("%3Cscript%3E")}) {
    auto r = Send("GET", "/invite/" + other);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, right->status);
    EXPECT_EQ(r->body, right->body) << other;
  }
  EXPECT_EQ(right->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(right->get_header_value("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(right->get_header_value("X-Frame-Options"), "DENY");
  EXPECT_EQ(right->get_header_value("Cache-Control"), "no-store");
  const std::string csp = right->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_FALSE(right->has_header("Strict-Transport-Security"));  // plain HTTP here
  auto script = Send("GET", "/invite/page.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->get_header_value("Content-Type").rfind("text/javascript", 0), 0u);
  EXPECT_EQ(script->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(InvitePageE2e, CON12_BadTokensGetTheAnswerOfAWrongTokenAndChangeNothing) {
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  const std::string bearer = HcpToken("dr-a");
  std::string wrong = TokenOf(invite.link());
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  auto first = Send("POST", "/invite/" + wrong + "/preview", bearer);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 404);
  EXPECT_EQ(Field(JsonOf(first->body), "error"), "token: no invite has this token");
  for (const std::string& bad : {std::string("abc"), std::string(120, 'x'), wrong}) {
    for (const char* action : {"preview", "accept", "decline"}) {
      auto r = Send("POST", "/invite/" + bad + "/" + action, bearer,
                    R"({"first_name":"Dr","last_name":"A"})");
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, first->status) << bad << " " << action;
      EXPECT_EQ(r->body, first->body) << bad << " " << action;
    }
  }
  // Without a sign-in nothing is looked up.
  auto anonymous = Send("POST", "/invite/" + TokenOf(invite.link()) + "/preview");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  // Nothing changed: no connection, and the invite still opens.
  EXPECT_TRUE(Feed(50).empty());
  auto preview = Send("POST", "/invite/" + TokenOf(invite.link()) + "/preview", bearer);
  ASSERT_TRUE(preview);
  EXPECT_EQ(Field(JsonOf(preview->body), "state"), "PENDING");
}

TEST_F(InvitePageE2e, CON12_PreviewShowsTheCardEscapedThenTheHcpAccepts) {
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE);
  const std::string bearer = HcpToken("dr-a");
  auto preview = Send("POST", "/invite/" + TokenOf(invite.link()) + "/preview", bearer);
  ASSERT_TRUE(preview);
  ASSERT_EQ(preview->status, 200) << preview->body;
  auto json = JsonOf(preview->body);
  EXPECT_EQ(Field(json, "state"), "PENDING");
  EXPECT_EQ(Field(json, "open"), "true");
  EXPECT_NE(Field(json, "html").find("Sarah Jones"), std::string::npos) << preview->body;
  EXPECT_EQ(preview->body.find("sarah@acme.example"), std::string::npos);

  auto accepted = Send("POST", "/invite/" + TokenOf(invite.link()) + "/accept", bearer,
                       R"({"first_name":"Dr","last_name":"A"})");
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_CONNECTED);
  auto after = Send("POST", "/invite/" + TokenOf(invite.link()) + "/preview", bearer);
  ASSERT_TRUE(after);
  auto state = JsonOf(after->body);
  EXPECT_EQ(Field(state, "state"), "ACCEPTED");
  EXPECT_EQ(Field(state, "open"), "false");
  EXPECT_NE(Field(state, "html").find("already used"), std::string::npos);
  // Used: a second accept is refused and says why (CON-03).
  auto again = Send("POST", "/invite/" + TokenOf(invite.link()) + "/accept", bearer,
                    R"({"first_name":"Dr","last_name":"A"})");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409) << again->body;
}

TEST_F(InvitePageE2e, CON12_MarkupInANameIsShownAsText) {
  // A name holding markup, as an admin may type it.
  const std::string mallory = FieldUser("mallory", "", "<script>window.pwned=1</script>", "Jones");
  const auto invite = Invite(INVITE_CHANNEL_QR_CODE, "", mallory, "mallory");
  auto preview = Send("POST", "/invite/" + TokenOf(invite.link()) + "/preview", HcpToken("dr-a"));
  ASSERT_TRUE(preview);
  ASSERT_EQ(preview->status, 200) << preview->body;
  const std::string html = Field(JsonOf(preview->body), "html");
  EXPECT_NE(html.find("&lt;script&gt;window.pwned=1&lt;/script&gt; Jones"), std::string::npos)
      << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
}

TEST_F(InvitePageE2e, CON12_DeclineClosesTheInvite) {
  const auto invite = Invite(INVITE_CHANNEL_LINK);
  const std::string bearer = HcpToken("dr-a");
  auto declined = Send("POST", "/invite/" + TokenOf(invite.link()) + "/decline", bearer);
  ASSERT_TRUE(declined);
  ASSERT_EQ(declined->status, 200) << declined->body;
  auto after = Send("POST", "/invite/" + TokenOf(invite.link()) + "/preview", bearer);
  ASSERT_TRUE(after);
  EXPECT_EQ(Field(JsonOf(after->body), "state"), "DECLINED");
  EXPECT_EQ(StatusOf(dr_a_), CONNECTION_STATUS_NOT_CONNECTED);
}

class InvitePageLimitE2e : public InvitePageE2e {
 protected:
  static void SetUpTestSuite() {
    StartMesh({{"ENGAGE_PAGE_REQUESTS_PER_MINUTE_PER_ADDRESS", "1"},
               {"ENGAGE_PAGE_BURST_PER_ADDRESS", "5"}});
  }
};

TEST_F(InvitePageLimitE2e, CON12_RateLimitedPerClientAddress) {
  int ok = 0;
  for (int i = 0; i < 5; ++i) {
    auto r = Send("POST", "/invite/wrong-token/preview", "not-a-token");
    ASSERT_TRUE(r);
    if (r->status != 429) ++ok;
  }
  EXPECT_EQ(ok, 5);
  auto last = Send("POST", "/invite/wrong-token/preview", "not-a-token");
  ASSERT_TRUE(last);
  EXPECT_EQ(last->status, 429);
  EXPECT_FALSE(last->get_header_value("Retry-After").empty());
  EXPECT_EQ(last->get_header_value("Referrer-Policy"), "no-referrer");
  // The page itself counts too: the shell is refused to this address now.
  auto shell = Send("GET", "/invite/some-token");
  ASSERT_TRUE(shell);
  EXPECT_EQ(shell->status, 429);
}

}  // namespace
}  // namespace engage::testing

namespace engage::testing {
namespace {

// With the gateway's TLS on, the page speaks HTTPS with the same certificate,
// and tells browsers to keep to it (HSTS); plain HTTP gets no page.
TEST(InvitePageTlsE2e, CON12_PageServesHttpsWithHstsWhenTheGatewayHasTls) {
  const std::string dir = absl::StrCat(TestDir(), "/test-logs/", UniqueName("page-tls"));
  ASSERT_EQ(
      std::system(("mkdir -p " + dir +
                   " && openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
                   "-addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
                   dir + "/tls.key -out " + dir + "/tls.crt 2>/dev/null")
                      .c_str()),
      0);
  Mesh mesh;
  auto env = mesh.Env("gateway");
  const int page_port = FreePort();
  const int health_port = FreePort();
  env["ENGAGE_TLS_CERT_FILE"] = dir + "/tls.crt";
  env["ENGAGE_TLS_KEY_FILE"] = dir + "/tls.key";
  env["ENGAGE_GRPC_PORT"] = std::to_string(FreePort());
  env["ENGAGE_HEALTH_PORT"] = std::to_string(health_port);
  env["ENGAGE_PAGE_PORT"] = std::to_string(page_port);
  Process gateway("engage-gateway", env);
  ASSERT_TRUE(WaitServing(absl::StrCat("127.0.0.1:", health_port), "", absl::Seconds(20)))
      << gateway.Output();
  httplib::SSLClient tls("127.0.0.1", page_port);
  tls.enable_server_certificate_verification(false);  // a self-signed test certificate
  auto get = [&] {
    for (int i = 0;; ++i) {
      auto got = tls.Get("/invite/some-token");
      if (got || i >= 50) return got;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  };
  auto r = get();
  ASSERT_TRUE(r) << httplib::to_string(r.error()) << gateway.Output();
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Strict-Transport-Security").find("max-age="), std::string::npos);
  EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer");
  httplib::Client plain("127.0.0.1", page_port);
  plain.set_read_timeout(2);
  auto p = plain.Get("/invite/some-token");
  EXPECT_TRUE(!p || p->status != 200);
}

}  // namespace
}  // namespace engage::testing
