// CAT-08's pure rules: the JSON the engagement system gets, which HTTP
// answers are permanent failures, which endpoints an admin may set.
#include "profile_svc/rules/engagement_rules.h"

#include <gtest/gtest.h>

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
