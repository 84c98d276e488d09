// CON-12: the invite landing page's rules: escaping, what each state shows,
// the routes and the security headers.
#include "gateway/rules/page_rules.h"

#include <gtest/gtest.h>

#include <map>

namespace engage::gateway {
namespace {

TEST(CON12_PageEscape, EveryMarkupCharacterBecomesAnEntity) {
  EXPECT_EQ(HtmlEscape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(HtmlEscape("Dr. Müller, ½ dose"), "Dr. Müller, ½ dose");
  EXPECT_EQ(HtmlEscape(""), "");
  // Escaping twice shows the entity as text, as it should.
  EXPECT_EQ(HtmlEscape("&amp;"), "&amp;amp;");
}

TEST(CON12_PageJson, StringsAreQuotedInertAndExact) {
  EXPECT_EQ(JsonQuote("plain"), "\"plain\"");
  EXPECT_EQ(JsonQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(JsonQuote("</script>&"), "\"\\u003c/script\\u003e\\u0026\"");
  EXPECT_EQ(JsonQuote(std::string("\n\x01", 2)), "\"\\u000a\\u0001\"");
  EXPECT_EQ(JsonQuote("Müller"), "\"Müller\"");
}

TEST(CON12_PageCard, NamesMedicationsAndTitleAreShownOnlyEscaped) {
  PageCard card;
  card.state = PageState::kPending;
  card.has_inviter = true;
  card.first_name = "<script>alert(1)</script>";
  card.last_name = "Jones";
  card.title = "<img src=x onerror=alert(2)>";
  card.company_name = "Verteo & Co";
  card.medications = {"Cholecap\"><b>"};
  const std::string html = RenderCard(card);
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img src=x"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b>"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; Jones"), std::string::npos) << html;
  EXPECT_NE(html.find("Verteo &amp; Co"), std::string::npos);
  // No inline style: the CSP allows none.
  EXPECT_EQ(html.find("style="), std::string::npos);
}

TEST(CON12_PageCard, DisplayNameFirstThenFirstAndLastName) {
  PageCard card;
  card.first_name = "Sarah";
  card.last_name = "Jones";
  EXPECT_EQ(InviterName(card), "Sarah Jones");
  card.display_name = "Dr. Sarah J.";
  EXPECT_EQ(InviterName(card), "Dr. Sarah J.");
}

TEST(CON12_PageCard, PhotosOnlyOverHttps) {
  EXPECT_TRUE(IsSafePhotoUrl("https://cdn.example.com/p/1.png"));
  for (const char* bad :
       {"http://cdn.example.com/1.png", "javascript:alert(1)", "data:image/png;base64,AAAA",
        "https://x\" onerror=\"a", "https://", "https://a b", ""}) {
    EXPECT_FALSE(IsSafePhotoUrl(bad)) << bad;
  }
  PageCard card;
  card.has_inviter = true;
  card.photo_url = "javascript:alert(1)";
  EXPECT_EQ(RenderCard(card).find("<img"), std::string::npos);
}

TEST(CON12_PageState, OnlyAnOpenInviteOffersAnswers) {
  EXPECT_TRUE(OffersAnswer(PageState::kPending));
  for (auto s : {PageState::kAccepted, PageState::kDeclined, PageState::kRevoked,
                 PageState::kExpired, PageState::kUnknown}) {
    EXPECT_FALSE(OffersAnswer(s));
  }
  EXPECT_STREQ(StateSentence(PageState::kExpired), "This invitation has expired.");
  EXPECT_STREQ(StateSentence(PageState::kAccepted), "This invitation was already used.");
  EXPECT_STREQ(StateSentence(PageState::kDeclined), "This invitation was declined.");
  EXPECT_STREQ(StateSentence(PageState::kRevoked), "This invitation was withdrawn.");
  EXPECT_STREQ(StateName(PageState::kExpired), "EXPIRED");
  PageCard gone;
  gone.state = PageState::kRevoked;
  EXPECT_EQ(RenderCard(gone),
            "<p class=\"state state-REVOKED\">This invitation was withdrawn.</p>");
}

TEST(CON12_PageColours, OnlySixHexDigits) {
  EXPECT_TRUE(IsHexColour("1A2b3C"));
  for (const char* bad : {"#1A2B3C", "1A2B3", "1A2B3CD", "red;}", "GGGGGG", ""}) {
    EXPECT_FALSE(IsHexColour(bad)) << bad;
  }
}

TEST(CON12_PagePath, FollowsTheInviteLinkBase) {
  EXPECT_EQ(PagePathOf("https://engage.example.com/invite"), "/invite");
  EXPECT_EQ(PagePathOf("https://engage.example.com/hcp/invite/"), "/hcp/invite");
  EXPECT_EQ(PagePathOf("http://127.0.0.1:8080/invite"), "/invite");
  EXPECT_EQ(PagePathOf("https://engage.example.com"), "");
  EXPECT_EQ(PagePathOf("/invite"), "/invite");
}

TEST(CON12_PageRoutes, ShellAssetsAndActions) {
  using K = PageRoute::Kind;
  EXPECT_EQ(RouteOf("GET", "/invite/abc_DEF-1", "/invite").kind, K::kShell);
  EXPECT_EQ(RouteOf("GET", "/invite/page.js", "/invite").kind, K::kScript);
  EXPECT_EQ(RouteOf("GET", "/invite/page.css", "/invite").kind, K::kStyle);
  const PageRoute accept = RouteOf("POST", "/invite/tok/accept", "/invite");
  EXPECT_EQ(accept.kind, K::kAccept);
  EXPECT_EQ(accept.token, "tok");
  EXPECT_EQ(RouteOf("POST", "/invite/tok/preview", "/invite").kind, K::kPreview);
  EXPECT_EQ(RouteOf("POST", "/invite/tok/decline", "/invite").kind, K::kDecline);
  for (auto [method, path] :
       {std::pair{"GET", "/invite/"}, std::pair{"GET", "/other/tok"},
        std::pair{"GET", "/invitex/tok"}, std::pair{"POST", "/invite/tok"},
        std::pair{"GET", "/invite/tok/accept"}, std::pair{"POST", "/invite/tok/revoke"}}) {
    EXPECT_EQ(RouteOf(method, path, "/invite").kind, K::kNone) << method << " " << path;
  }
}

TEST(CON12_PageShell, TheSameForEveryTokenAndWithoutInlineScript) {
  const std::string shell = RenderShell("/invite");
  EXPECT_NE(shell.find("<script src=\"/invite/page.js\""), std::string::npos);
  EXPECT_EQ(shell.find("<script>"), std::string::npos);
  EXPECT_EQ(shell.find("style="), std::string::npos);
  EXPECT_EQ(shell.find("<style"), std::string::npos);
}

TEST(CON12_PageHeaders, LockedDownAndHstsOnlyOverTls) {
  std::map<std::string, std::string> plain, tls;
  for (const auto& [k, v] : SecurityHeaders(false)) plain[k] = v;
  for (const auto& [k, v] : SecurityHeaders(true)) tls[k] = v;
  EXPECT_EQ(plain["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(plain["Referrer-Policy"], "no-referrer");
  EXPECT_EQ(plain["X-Frame-Options"], "DENY");
  EXPECT_EQ(plain["Cache-Control"], "no-store");
  const std::string csp = plain["Content-Security-Policy"];
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(plain.count("Strict-Transport-Security"), 0u);
  EXPECT_NE(tls["Strict-Transport-Security"].find("max-age="), std::string::npos);
}

TEST(CON12_PageStatus, GrpcCodesAsHttp) {
  EXPECT_EQ(HttpStatusOf(5), 404);
  EXPECT_EQ(HttpStatusOf(3), 400);
  EXPECT_EQ(HttpStatusOf(16), 401);
  EXPECT_EQ(HttpStatusOf(7), 403);
  EXPECT_EQ(HttpStatusOf(9), 409);
  EXPECT_EQ(HttpStatusOf(8), 429);
  EXPECT_EQ(HttpStatusOf(14), 503);
  EXPECT_EQ(HttpStatusOf(13), 500);
}

}  // namespace
}  // namespace engage::gateway
