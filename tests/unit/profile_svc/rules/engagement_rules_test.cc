// CAT-08's pure rules: the JSON the engagement system gets, which HTTP
// answers are permanent failures, which endpoints an admin may set.
#include "profile_svc/rules/engagement_rules.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "common/status/errors.h"

namespace engage::profile {
namespace {

TEST(EngagementRules, CAT08_BodyCarriesTheEventAndNothingElseOfTheHcp) {
  ProfileDataPayload e;
  e.event_id = "01J0000000000000000000000A";
  e.profile_id = "01J0000000000000000000000P";
  e.category_code = "COLOR";
  e.response_code = "RED";
  e.sequence = 42;
  e.occurred_at = absl::FromUnixMicros(1800000000123456);
  EXPECT_EQ(ProfileDataJson(e),
            "{\"event_id\":\"01J0000000000000000000000A\",\"profile_id\":"
            "\"01J0000000000000000000000P\",\"category_code\":\"COLOR\",\"response_code\":\"RED\","
            "\"sequence\":42,\"occurred_at\":\"2027-01-15T08:00:00.123456Z\"}");
}

TEST(EngagementRules, CAT08_JsonStringsAreEscaped) {
  ProfileDataPayload e;
  e.category_code = "a\"b\\c\n\x01";
  EXPECT_NE(ProfileDataJson(e).find("\"category_code\":\"a\\\"b\\\\c\\n\\u0001\""),
            std::string::npos)
      << ProfileDataJson(e);
}

TEST(EngagementRules, CAT08_Only4xxOtherThan408And429AndRedirectsArePermanent) {
  for (long delivered : {200L, 201L, 202L, 204L, 299L}) {
    EXPECT_EQ(ClassifyHttpStatus(delivered), DeliveryVerdict::kDelivered) << delivered;
  }
  for (long retried : {0L, 100L, 408L, 429L, 500L, 502L, 503L, 504L, 599L}) {
    EXPECT_EQ(ClassifyHttpStatus(retried), DeliveryVerdict::kRetry) << retried;
  }
  for (long refused : {301L, 302L, 307L, 400L, 401L, 403L, 404L, 409L, 413L, 422L, 499L}) {
    EXPECT_EQ(ClassifyHttpStatus(refused), DeliveryVerdict::kRefused) << refused;
  }
}

TEST(EngagementRules, CAT08_EndpointIsHttpsOutsideTheMeshsNetwork) {
  for (const std::string ok : {"https://ce.example.com/api/profile-data", "https://ce.example.com",
                               "https://ce.example.com:8443/x?tenant=acme", "https://8.8.8.8/in",
                               "HTTPS://CE.example.com/"}) {
    EXPECT_TRUE(CheckEngagementEndpoint("url", ok, false).ok()) << ok;
  }
  const std::string too_long = "https://" + std::string(2000, 'a') + ".com/";
  for (const std::string& bad : std::vector<std::string>{"",
                                                         "ce.example.com/api",
                                                         "ftp://ce.example.com/",
                                                         "http://ce.example.com/",
                                                         "https://user:pw@ce.example.com/",
                                                         "https://ce.example.com/#frag",
                                                         "https:///path",
                                                         "https://ce.example.com:0/",
                                                         "https://ce.example.com:99999/",
                                                         "https://ce.example.com:x/",
                                                         "https://ce example.com/",
                                                         "https://ce.example.com/\n",
                                                         "https://127.0.0.1/",
                                                         "https://localhost/",
                                                         "https://10.1.2.3/",
                                                         "https://172.20.0.1/",
                                                         "https://192.168.1.1/",
                                                         "https://169.254.169.254/latest/meta-data",
                                                         "https://[::1]/",
                                                         "https://[fd00::1]/",
                                                         "https://[::ffff:10.0.0.1]/",
                                                         "https://[fe80::1]/",
                                                         "https://224.0.0.1/",
                                                         "https://100.64.0.1/",
                                                         "https://[zz::1]/",
                                                         "https://ce_example.com/",
                                                         "http://127.0.0.1:8080/in",
                                                         too_long}) {
    absl::Status st = CheckEngagementEndpoint("url", bad, false);
    EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << bad;
    if (!st.ok()) {
      EXPECT_EQ(FieldErrorsOf(st).front().field, "url") << bad;
    }
  }
}

AddressScope Scope(const char* text) {
  std::array<uint8_t, 16> v6{};
  if (inet_pton(AF_INET6, text, v6.data()) == 1) return ClassifyIpv6(v6);
  std::array<uint8_t, 4> v4{};
  EXPECT_EQ(inet_pton(AF_INET, text, v4.data()), 1) << text;
  return ClassifyIpv4(v4);
}

TEST(EngagementRules, CAT08_AddressesOfTheMeshsNetworkAreInternal) {
  // Every range at its first and last address.
  for (const char* internal : {"0.0.0.0",
                               "0.255.255.255",
                               "10.0.0.0",
                               "10.255.255.255",
                               "100.64.0.0",
                               "100.127.255.255",
                               "169.254.0.0",
                               "169.254.169.254",
                               "169.254.255.255",
                               "172.16.0.0",
                               "172.31.255.255",
                               "192.168.0.0",
                               "192.168.255.255",
                               "224.0.0.0",
                               "239.255.255.255",
                               "240.0.0.1",
                               "255.255.255.255",
                               "::",
                               "fe80::",
                               "febf:ffff::1",
                               "fec0::1",
                               "fc00::",
                               "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                               "ff02::1",
                               "ff05::2",
                               "::ffff:10.0.0.1",
                               "::ffff:169.254.169.254",
                               "::ffff:192.168.1.1",
                               "::ffff:0.0.0.0",
                               "::10.0.0.1",
                               "64:ff9b::10.0.0.1",
                               "64:ff9b::a9fe:a9fe"}) {
    EXPECT_EQ(Scope(internal), AddressScope::kInternal) << internal;
  }
  for (const char* loopback : {"127.0.0.0", "127.0.0.1", "127.255.255.255", "::1",
                               "::ffff:127.0.0.1", "64:ff9b::7f00:1"}) {
    EXPECT_EQ(Scope(loopback), AddressScope::kLoopback) << loopback;
  }
  // Just outside each range.
  for (const char* outside : {"1.0.0.0",
                              "9.255.255.255",
                              "11.0.0.0",
                              "100.63.255.255",
                              "100.128.0.0",
                              "126.255.255.255",
                              "128.0.0.0",
                              "169.253.255.255",
                              "169.255.0.0",
                              "172.15.255.255",
                              "172.32.0.0",
                              "192.167.255.255",
                              "192.169.0.0",
                              "223.255.255.255",
                              "8.8.8.8",
                              "2001:4860:4860::8888",
                              "fe7f:ffff::1",
                              "fbff::1",
                              "fe00::1",
                              "::2:0:0:1",
                              "::ffff:8.8.8.8",
                              "64:ff9b::8.8.8.8",
                              "64:ff9b:1::10.0.0.1",
                              "::fffe:10.0.0.1"}) {
    EXPECT_EQ(Scope(outside), AddressScope::kPublic) << outside;
  }
}

TEST(EngagementRules, CAT08_LoopbackHttpOnlyWhenTheFlagAllowsIt) {
  for (const std::string loopback :
       {"http://127.0.0.1:8080/in", "http://localhost:1/", "http://[::1]:9/x"}) {
    EXPECT_TRUE(CheckEngagementEndpoint("url", loopback, true).ok()) << loopback;
    EXPECT_FALSE(CheckEngagementEndpoint("url", loopback, false).ok()) << loopback;
  }
  // The flag opens loopback only, not plain http elsewhere.
  EXPECT_FALSE(CheckEngagementEndpoint("url", "http://ce.example.com/", true).ok());
  EXPECT_FALSE(CheckEngagementEndpoint("url", "http://10.0.0.1/", true).ok());
}

TEST(EngagementRules, CAT08_AnswerSnippetIsShortPrintableText) {
  EXPECT_EQ(AnswerSnippet("  bad request\r\n\x01x "), "bad request   x");
  EXPECT_EQ(AnswerSnippet(std::string(500, 'z')).size(), 200u);
}

}  // namespace
}  // namespace engage::profile
